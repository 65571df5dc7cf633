package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void roundTrip() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1L);
        m.put("b", List.of(1.5, "x\"y\n", true));
        m.put("c", null);
        m.put("d", Map.of("e", -2L));
        String s = Json.write(m);
        assertEquals("{\"a\":1,\"b\":[1.5,\"x\\\"y\\n\",true],\"c\":null,\"d\":{\"e\":-2}}", s);
        assertEquals(m, Json.parse(s));
        assertEquals(m, Json.parse(Json.writePretty(m)));
    }

    @Test
    void parsesNumbersAndEscapes() {
        assertEquals(List.of(1L, -2.5, 1e3, "\u00e9"), Json.parse("[1, -2.5, 1e3, \"\\u00e9\"]"));
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNull() {
        assertEquals("[null,null,1.5,2]", Json.write(List.of(Double.NaN, Float.POSITIVE_INFINITY, 1.5, 2)));
    }

    @Test
    void readingIsStrict() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{a: 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("// comment\n{}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("['single']"));
    }

    @Test
    void errorsSayWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\n\"a\": [1, 2,, 3]}"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": "));
    }
}
