package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdaptiveKeyPolicyTest {

    private static PropagationResidual mean(double m) {
        return new PropagationResidual(0, m);
    }

    @Test
    void residualOverTheNoiseFloorAddsUpUntilTheThreshold() {
        AdaptiveKeyPolicy p = new AdaptiveKeyPolicy(5, 0, 1);
        double per = 2 + AdaptiveKeyPolicy.NOISE_FLOOR; // 2 grey levels over the floor a frame
        assertNull(p.decide(mean(per), 1));
        assertNull(p.decide(mean(per), 2));
        assertEquals(KeyReason.ADAPTIVE, p.decide(mean(per), 3), "2 + 2 + 2 > 5");
        assertEquals(6, p.accumulated(), 1e-9);
        assertNull(p.decide(mean(per), 1), "the sum starts again after a key frame");
    }

    @Test
    void noiseAloneNeverMakesAKeyFrame() {
        AdaptiveKeyPolicy p = new AdaptiveKeyPolicy(0.01, 0, 1);
        for (int i = 1; i < 1000; i++) {
            assertNull(p.decide(mean(AdaptiveKeyPolicy.NOISE_FLOOR * 0.99), i));
        }
        assertEquals(0, p.accumulated());
    }

    @Test
    void minimumIntervalHoldsAdaptiveButNotSceneCuts() {
        AdaptiveKeyPolicy p = new AdaptiveKeyPolicy(1, 0, 3);
        assertNull(p.decide(mean(10), 1));
        assertNull(p.decide(mean(10), 2));
        assertEquals(KeyReason.ADAPTIVE, p.decide(mean(10), 3));
        assertEquals(KeyReason.SCENE_CUT, p.decide(new PropagationResidual(0.6, 30), 1));
    }

    @Test
    void budgetSteersTheThresholdToTheKeyRate() {
        // a scene whose residual grows steadily: with threshold 1 a key frame would come every frame
        AdaptiveKeyPolicy p = new AdaptiveKeyPolicy(1, 0.1, 1);
        int keys = 0;
        int since = 0;
        int frames = 3000;
        for (int i = 0; i < frames; i++) {
            since++;
            double noisy = AdaptiveKeyPolicy.NOISE_FLOOR + 1 + (i * 7919 % 13) / 6.0; // 1..3 over the floor
            if (p.decide(mean(noisy), since) != null) {
                p.keyFrameAfter(since);
                keys++;
                since = 0;
            }
        }
        double rate = (double) keys / frames;
        assertEquals(0.1, rate, 0.015, "key rate " + rate);
        assertTrue(p.threshold() > 10, "threshold learnt, not the given 1: " + p.threshold());
    }

    @Test
    void budgetCalibratesOnItsFirstInterval() {
        AdaptiveKeyPolicy p = new AdaptiveKeyPolicy(1, 0.25, 1);
        double per = AdaptiveKeyPolicy.NOISE_FLOOR + 3;
        assertNull(p.decide(mean(per), 1));
        assertNull(p.decide(mean(per), 2));
        assertNull(p.decide(mean(per), 3), "the given threshold 1 is not used");
        assertEquals(KeyReason.ADAPTIVE, p.decide(mean(per), 4));
        assertEquals(12, p.threshold(), 1e-9, "the sum at the budget's interval of 4");
        p.keyFrameAfter(4);
        assertEquals(12, p.threshold(), 1e-9, "on budget: unchanged");
        p.keyFrameAfter(2);
        assertTrue(p.threshold() > 12, "sooner than the budget: raised");
        p.set(1, 0.25, 1);
        assertTrue(p.threshold() > 12, "same settings: kept");
        p.set(1, 0.2, 1);
        assertEquals(1, p.threshold(), "a new budget calibrates again");
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveKeyPolicy(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveKeyPolicy(1, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveKeyPolicy(1, 0, 0));
    }
}
