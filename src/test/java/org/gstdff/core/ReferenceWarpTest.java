package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed cases of the reference warp, which in turn is the oracle of the graph warp. */
class ReferenceWarpTest {

    // 2x3 map, one channel: row 0 = 1 2 3, row 1 = 4 5 6
    private static final float[] KEY = {1, 2, 3, 4, 5, 6};

    private static float[] constantFlow(float dx, float dy, int n) {
        float[] f = new float[2 * n];
        for (int i = 0; i < n; i++) {
            f[2 * i] = dx;
            f[2 * i + 1] = dy;
        }
        return f;
    }

    @Test
    void zeroFlowIsIdentity() {
        assertArrayEquals(KEY, ReferenceWarp.warp(KEY, constantFlow(0, 0, 6), null, 2, 3, 1));
    }

    @Test
    void integerShiftMovesAndZeroFillsBorder() {
        // sample one pixel to the right: the last column falls outside
        assertArrayEquals(new float[] {2, 3, 0, 5, 6, 0}, ReferenceWarp.warp(KEY, constantFlow(1, 0, 6), null, 2, 3, 1));
        // sample one row up: the first row falls outside
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, 3}, ReferenceWarp.warp(KEY, constantFlow(0, -1, 6), null, 2, 3, 1));
    }

    @Test
    void halfPixelInterpolatesAndFadesAtBorder() {
        float[] out = ReferenceWarp.warp(KEY, constantFlow(0.5f, 0, 6), null, 2, 3, 1);
        // interior: mean of neighbours; last column: half of the pixel, half of outside zero
        assertArrayEquals(new float[] {1.5f, 2.5f, 1.5f, 4.5f, 5.5f, 3f}, out, 1e-6f);
        float[] diag = ReferenceWarp.warp(KEY, constantFlow(0.5f, 0.5f, 6), null, 2, 3, 1);
        assertEquals((1 + 2 + 4 + 5) / 4f, diag[0], 1e-6f);
    }

    @Test
    void scaleMultipliesPerPositionAndChannel() {
        float[] scale = {2, 1, 1, 1, 1, 0.5f};
        assertArrayEquals(new float[] {2, 2, 3, 4, 5, 3}, ReferenceWarp.warp(KEY, constantFlow(0, 0, 6), scale, 2, 3, 1));
    }
}
