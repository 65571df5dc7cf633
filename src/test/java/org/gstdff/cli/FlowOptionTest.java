package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gstdff.model.FlowPrecision;
import org.gstdff.model.FlowRefine;
import org.junit.jupiter.api.Test;

/** The flows the measuring commands compare, as dff properties. */
class FlowOptionTest {

    @Test
    void refinementAndPathFollowTheFlow() throws Exception {
        assertEquals("flow=model flow-path=auto flow-refine=auto", FlowOption.parse("model").properties());
        assertEquals("flow=model flow-path=chain flow-refine=lucas-kanade",
                FlowOption.parse("model+lk:chain").properties());
        FlowOption dis = FlowOption.parse("dis:ultrafast:256+none");
        assertEquals(FlowRefine.NONE, dis.refine());
        assertEquals(256, dis.dis().width());
        assertEquals("flow=dis dis-preset=ultrafast dis-width=256 flow-path=auto flow-refine=none",
                dis.properties());
        assertEquals("dis:ultrafast:256+none", dis.toString());
        assertEquals("flow=model flow-path=direct flow-refine=none flow-precision=float32",
                FlowOption.parse("model@float32+none:direct").properties());
        assertEquals(FlowPrecision.BFLOAT16, FlowOption.parse("model@bfloat16").precision());
    }

    @Test
    void aWrongSuffixIsNamed() {
        Main.UsageException e = assertThrows(Main.UsageException.class, () -> FlowOption.parse("model+fast"));
        assertTrue(e.getMessage().contains("flow 'model+fast': expected model[@PRECISION] or dis:PRESET[:WIDTH], "
                + "optionally followed by +lk or +none"), e.getMessage());
        assertThrows(Main.UsageException.class, () -> FlowOption.parse("dis:warp+lk"));
        e = assertThrows(Main.UsageException.class, () -> FlowOption.parse("model@half"));
        assertTrue(e.getMessage().contains("flow 'model@half': unknown flow precision 'half': expected auto, "
                + "float32 or bfloat16"), e.getMessage());
        e = assertThrows(Main.UsageException.class, () -> FlowOption.parse("dis:ultrafast@bfloat16"));
        assertTrue(e.getMessage().contains("unknown DIS preset 'ultrafast@bfloat16'"), "DIS has no precision: "
                + e.getMessage());
    }
}
