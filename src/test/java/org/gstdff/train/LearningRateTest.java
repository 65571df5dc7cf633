package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateTest {

    @Test
    void cosineFromTheBaseRateToFivePercent() {
        assertEquals(1e-3f, FlowTrainer.cosine(1e-3f, 0, 100), 1e-9);
        assertEquals(0.525e-3f, FlowTrainer.cosine(1e-3f, 50, 101), 1e-8); // half-way: the mean of both ends
        assertEquals(0.05e-3f, FlowTrainer.cosine(1e-3f, 99, 100), 1e-9);
        for (int s = 1; s < 100; s++) {
            assertTrue(FlowTrainer.cosine(1e-3f, s, 100) < FlowTrainer.cosine(1e-3f, s - 1, 100), "decreasing at " + s);
        }
        assertEquals(1e-3f, FlowTrainer.cosine(1e-3f, 0, 1), 1e-9, "a one-step phase runs at the base rate");
    }
}
