package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class PropagationResidualTest {

    /** A grey ramp across an RGB frame, shifted right by {@code shift} pixels. */
    private static Frame ramp(int w, int h, int shift) {
        ByteBuffer b = ByteBuffer.allocate(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = (byte) Math.max(0, Math.min(255, (x - shift) * 255 / w));
                for (int c = 0; c < 3; c++) {
                    b.put((y * w + x) * 3 + c, v);
                }
            }
        }
        return Frame.packed(b, w, h, PixelFormat.RGB);
    }

    @Test
    void theRightFlowExplainsAMotionThatNoFlowDoesNot() {
        int w = 320;
        int h = 160;
        LuminanceGrid key = LuminanceGrid.of(ramp(w, h, 0));
        LuminanceGrid cur = LuminanceGrid.of(ramp(w, h, 64)); // content moved 64 px right
        int gw = 40;
        int gh = 20;
        float[] flow = new float[gw * gh * 2];
        for (int i = 0; i < gw * gh; i++) {
            flow[2 * i] = -64f * gw / w; // current to key: 64 px left, in flow-grid cells
        }
        PropagationResidual still = PropagationResidual.of(key, cur, null, gw, gh);
        PropagationResidual moved = PropagationResidual.of(key, cur, flow, gw, gh);
        assertTrue(still.mean() > 30, "a 64 px shift of a full ramp: " + still.mean());
        assertTrue(moved.mean() < 2, "the flow explains it (the left edge excepted): " + moved.mean());
        assertTrue(moved.share() < still.share());
    }

    @Test
    void identicalFramesHaveNoResidual() {
        LuminanceGrid g = LuminanceGrid.of(ramp(64, 48, 0));
        PropagationResidual r = PropagationResidual.of(g, g, null, 1, 1);
        assertEquals(0, r.mean(), 1e-9);
        assertEquals(0, r.share(), 1e-9);
    }

    @Test
    void gridsAndFlowMustMatch() {
        LuminanceGrid a = LuminanceGrid.of(ramp(64, 48, 0));
        LuminanceGrid b = LuminanceGrid.of(ramp(64, 32, 0));
        assertThrows(IllegalArgumentException.class, () -> PropagationResidual.of(a, b, null, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> PropagationResidual.of(a, a, new float[6], 2, 2));
    }
}
