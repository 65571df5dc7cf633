package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MotionBalanceTest {

    @Test
    void movingCellsWeighAsMuchInTotalAsStillOnesAndTheSumIsTheVisibleCount() {
        // 10 cells: 2 moving, 6 still, 2 the teacher failed its check on (one of them moving)
        float[] flow = new float[20];
        flow[0] = 2f; // cell 0 moves right
        flow[3] = -1.5f; // cell 1 moves up
        flow[18] = 3f; // cell 9 moves, but is not visible
        float[] visible = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0};
        float[] w = MotionBalance.weights(flow, visible, 0.5, 0.5);
        assertEquals(2f, w[0], 1e-6); // 8 visible / (2 * 2 moving)
        assertEquals(2f, w[1], 1e-6);
        for (int p = 2; p < 8; p++) {
            assertEquals(8f / 12f, w[p], 1e-6, "still cell " + p); // 8 / (2 * 6)
        }
        assertEquals(0f, w[8]);
        assertEquals(0f, w[9], "an occluded cell stays out however it moves");
        double sum = 0;
        for (float v : w) {
            sum += v;
        }
        assertEquals(8, sum, 1e-5);
    }

    @Test
    void theMovingShareSetsTheSplit() {
        float[] flow = {2, 0, 0, 0, 0, 0, 0, 0};
        float[] visible = {1, 1, 1, 1};
        float[] w = MotionBalance.weights(flow, visible, 0.5, 0.75);
        assertEquals(3f, w[0], 1e-6); // 4 * 0.75 / 1
        assertEquals(1f / 3f, w[1], 1e-6); // 4 * 0.25 / 3
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MotionBalance.weights(flow, visible, 0.5, 1));
        assertEquals("the moving cells' share is in (0, 1), got 1.0", e.getMessage());
    }

    @Test
    void withoutMovingOrWithoutStillCellsTheWeightsAreTheMask() {
        float[] visible = {1, 0, 1, 1};
        assertArrayEquals(visible, MotionBalance.weights(new float[8], visible, 0.5, 0.5));
        float[] allMoving = {1, 1, 1, 1, 1, 1, 1, 1};
        assertArrayEquals(visible, MotionBalance.weights(allMoving, visible, 0.5, 0.5));
        assertTrue(MotionBalance.weights(new float[8], visible, 0.5, 0.5) != visible, "a copy, not the caller's array");
    }

    @Test
    void aFlowOfTheWrongSizeIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MotionBalance.weights(new float[6], new float[4], 0.5, 0.5));
        assertEquals("flow has 6 values for 4 cells: expected 8", e.getMessage());
    }
}
