package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FlowConsistencyTest {

    static final int W = 8;
    static final int H = 6;

    @Test
    void flowsThatCancelAreVisibleWhereTheyLandInsideTheGrid() {
        float[] v = FlowConsistency.visible(FlowCompositionTest.uniform(2, 0), FlowCompositionTest.uniform(-2, 0), W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                // x + 2 must stay within the last column, 7
                assertEquals(x <= 5 ? 1f : 0f, v[y * W + x], "cell " + x + "," + y);
            }
        }
    }

    @Test
    void flowsThatDoNotCancelAreNotVisible() {
        // the backward flow points the same way: a round trip of 4 cells, far over the 0.5 + 1% bound
        float[] v = FlowConsistency.visible(FlowCompositionTest.uniform(1, 0), FlowCompositionTest.uniform(1, 0), W, H);
        for (float x : v) {
            assertEquals(0f, x);
        }
    }

    @Test
    void theBoundGrowsWithTheMotion() {
        // a round trip error of 0.8 cells: occluded for a still pair, visible for a motion of 6 (0.01 * 72 + 0.5)
        float[] still = FlowConsistency.visible(FlowCompositionTest.uniform(0, 0), FlowCompositionTest.uniform(0.8f,
                0), W, H);
        assertEquals(0f, still[0]);
        float[] fwd = new float[W * H * 2];
        float[] bwd = new float[W * H * 2];
        fwd[0] = 6; // cell (0, 0) moves 6 to the right, and the backward flow misses by 0.8
        for (int i = 0; i < bwd.length; i += 2) {
            bwd[i] = -5.2f;
        }
        assertEquals(1f, FlowConsistency.visible(fwd, bwd, W, H)[0]);
    }

    @Test
    void mismatchedSizesAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> FlowConsistency.visible(new float[4], new float[4], W, H));
    }
}
