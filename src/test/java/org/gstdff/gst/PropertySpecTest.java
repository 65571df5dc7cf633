package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PropertySpecTest {

    final ElementProperties props = new ElementProperties("dff", DffElement.PROPERTIES);

    @Test
    void parsesAndValidates() {
        assertEquals(10, props.getInt("key-interval"));
        props.set("key-interval", "25");
        assertEquals(25, props.getInt("key-interval"));
        props.set("mode", "HOLD");
        assertEquals("hold", props.getString("mode"));
        props.set("threshold", "0.35");
        assertEquals(0.35, props.getDouble("threshold"), 1e-12);
    }

    @Test
    void errorsNamePropertyRangeAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> props.set("key-interval", "0"));
        assertEquals("dff: property 'key-interval': expected an integer in [1, 10000], got '0'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> props.set("mode", "fast"));
        assertEquals("dff: property 'mode': expected one of dff, frame, hold, track, got 'fast'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> props.set("flow-precision", "fp16"));
        assertEquals("dff: property 'flow-precision': expected one of auto, float32, bfloat16, got 'fp16'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> props.set("threshold", "x"));
        assertTrue(e.getMessage().contains("a number in [-1, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> props.set("colour", "red"));
        assertTrue(e.getMessage().startsWith("dff: no property 'colour' (properties: model, key-interval"),
                e.getMessage());
    }
}
