package org.gstdff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.VectorField;
import org.junit.jupiter.api.Test;

class SideBySideFlowsTest {

    /** A flow whose field is its own number everywhere; it records when it ran and which fields were closed. */
    private static final class Numbered implements FlowNet {
        final float number;
        final List<String> log;
        int closed;

        Numbered(float number, List<String> log) {
            this.number = number;
            this.log = log;
        }

        @Override
        public FlowField estimate(FrameImage keyImage, FrameImage current) {
            log.add("f" + (int) number);
            if (number < 0) {
                throw new IllegalStateException("flow " + number + " failed");
            }
            return new FlowField() {
                @Override
                public int width() {
                    return 1;
                }

                @Override
                public int height() {
                    return 1;
                }

                @Override
                public float[] vectors() {
                    return new float[] {number, number};
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }

        @Override
        public FeatureMap warp(FeatureMap keyFeatures, FlowField flow) {
            log.add("warp" + (int) number);
            return null;
        }
    }

    @Test
    void everyFlowRunsOnEveryCallInARotatedOrderAndTheFirstsFieldIsUsed() {
        List<String> log = new ArrayList<>();
        Numbered a = new Numbered(1, log);
        Numbered b = new Numbered(2, log);
        Numbered c = new Numbered(3, log);
        SideBySideFlows side = new SideBySideFlows(List.of(a, b, c), List.of("a", "b", "c"));
        for (int call = 0; call < 3; call++) {
            try (FlowField f = side.estimate(null, null)) {
                assertEquals(1f, f.vectors()[0], "the first flow's field");
                side.warp(null, f);
            }
        }
        assertEquals(List.of("f1", "f2", "f3", "warp1", "f2", "f3", "f1", "warp1", "f3", "f1", "f2", "warp1"), log,
                "each call starts one flow later; the first flow warps");
        assertEquals(3, a.closed, "the kept fields, closed by their user");
        assertEquals(3, b.closed, "the others' fields, closed at once");
        assertEquals(3, c.closed);
        assertEquals(3, side.times().calls());
        assertEquals(List.of("a", "b", "c"), side.times().names());
    }

    @Test
    void aFlowThatFailsFailsTheCallAndLeavesNoFieldOpen() {
        List<String> log = new ArrayList<>();
        Numbered a = new Numbered(1, log);
        Numbered bad = new Numbered(-1, log);
        SideBySideFlows side = new SideBySideFlows(List.of(a, bad), List.of("a", "bad"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> side.estimate(null, null));
        assertTrue(e.getMessage().contains("failed"), e.getMessage());
        assertEquals(1, a.closed, "the first's field, made before the failure, closed");
        assertEquals(0, side.times().calls(), "a failed call is not timed");
        assertThrows(IllegalArgumentException.class, () -> new SideBySideFlows(List.of(a), List.of("a", "b")));
    }

    @Test
    void theTimesAreEachFlowsOwn() {
        FlowNet slow = new FlowNet() {
            @Override
            public FlowField estimate(FrameImage keyImage, FrameImage current) {
                long until = System.nanoTime() + 20_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return new VectorField(new float[2], 1, 1);
            }

            @Override
            public FeatureMap warp(FeatureMap keyFeatures, FlowField flow) {
                return null;
            }
        };
        Numbered fast = new Numbered(1, new ArrayList<>());
        SideBySideFlows side = new SideBySideFlows(List.of(fast, slow), List.of("fast", "slow"));
        for (int i = 0; i < 4; i++) {
            side.estimate(null, null).close();
        }
        List<PairedTimes.Comparison> cs = side.times().compare();
        assertEquals("slow", cs.get(1).name());
        assertTrue(cs.get(1).medianMs() >= 20.0, "the slow flow's own 20 ms: " + cs.get(1));
        assertTrue(cs.get(1).medianDifferenceMs() >= 15 && cs.get(1).fasterShare() == 0, "" + cs.get(1));
    }
}
