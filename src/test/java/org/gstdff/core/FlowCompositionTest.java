package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FlowCompositionTest {

    static final int W = 8;
    static final int H = 6;

    static float[] uniform(float dx, float dy) {
        float[] f = new float[W * H * 2];
        for (int i = 0; i < f.length; i += 2) {
            f[i] = dx;
            f[i + 1] = dy;
        }
        return f;
    }

    @Test
    void uniformMotionsAdd() {
        float[] out = FlowComposition.compose(uniform(0.5f, -1), uniform(1.25f, 0.5f), W, H);
        for (int i = 0; i < out.length; i += 2) {
            assertEquals(1.75f, out[i], 1e-6);
            assertEquals(-0.5f, out[i + 1], 1e-6);
        }
    }

    @Test
    void readsThePreviousFieldWhereTheStepLands() {
        // previous -> key: column x moves by x/10 (a shear); step: everything one cell right in the previous frame
        float[] prev = new float[W * H * 2];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                prev[2 * (y * W + x)] = x / 10f;
            }
        }
        float[] out = FlowComposition.compose(uniform(1, 0), prev, W, H);
        assertEquals(1 + 3 / 10f, out[2 * (2 * W + 2)], 1e-6, "cell 2 lands on 3 and takes its motion");
        assertEquals(0.5f + 0.25f, FlowComposition.compose(uniform(0.5f, 0), prev, W, H)[2 * (2 * W + 2)], 1e-6,
                "half way between cells: the blend");
        assertEquals(1 + 7 / 10f, out[2 * (2 * W + 7)], 1e-6, "past the right border: the border's motion");
    }

    @Test
    void aChainOfStepsFollowsAnAcceleratingPoint() {
        // a point moving 1, then 2 cells right over two frames: from the second frame it reads 3 cells back
        float[] toKey = uniform(-1, 0);
        toKey = FlowComposition.compose(uniform(-2, 0), toKey, W, H);
        assertEquals(-3f, toKey[2 * (3 * W + 5)], 1e-6);
    }

    @Test
    void aMaskCountsWhereEveryLinkOfThePathCounts() {
        // the previous frame's path fails in column 4; a step of one cell right lands column 3 on it
        float[] prev = new float[W * H];
        java.util.Arrays.fill(prev, 1f);
        for (int y = 0; y < H; y++) {
            prev[y * W + 4] = 0f;
        }
        float[] step = new float[W * H];
        java.util.Arrays.fill(step, 1f);
        step[2 * W + 6] = 0f; // the step's own check fails at (6, 2)
        float[] out = FlowComposition.composeMask(uniform(1, 0), step, prev, W, H);
        assertEquals(0f, out[2 * W + 3], 1e-6, "lands on the failed column");
        assertEquals(0f, out[2 * W + 6], 1e-6, "fails its own check");
        assertEquals(1f, out[2 * W + 2], 1e-6);
        assertEquals(0.5f, FlowComposition.composeMask(uniform(0.5f, 0), step, prev, W, H)[2 * W + 3], 1e-6,
                "half way onto the failed column: the blend");
    }
}
