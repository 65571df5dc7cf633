package org.gstdff.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.AdaptiveKeyPolicy;
import org.gstdff.core.FrameResult;
import org.gstdff.core.KeyReason;
import org.junit.jupiter.api.Test;

class DffEngineTest {

    private static List<String> labels(DffEngine e, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            FrameResult r = e.process(FakeModelSet.frame(i), false);
            out.add(r.detections().get(0).label());
        }
        return out;
    }

    /**
     * A letter per frame of the given grey levels: the key-frame reason's (S start, D discont, I interval, A adaptive,
     * C scene cut) or . for a frame between key frames.
     */
    private static String keys(DffEngine e, int[] greys, boolean late) {
        StringBuilder sb = new StringBuilder();
        for (int g : greys) {
            FrameResult r = e.process(FakeModelSet.uniform(g), false, late);
            sb.append(!r.keyFrame() ? '.' : switch (r.reason()) {
                case START -> 'S';
                case DISCONT -> 'D';
                case INTERVAL -> 'I';
                case ADAPTIVE -> 'A';
                case SCENE_CUT -> 'C';
            });
        }
        return sb.toString();
    }

    private static DffEngine adaptive(FakeModelSet m, Mode mode, int longest, double threshold, int min) {
        DffEngine e = new DffEngine(m, mode, longest, 0.5f);
        e.setKeyPolicy(DffEngine.KeyPolicy.ADAPTIVE);
        e.setAdaptive(threshold, 0, min);
        return e;
    }

    @Test
    void adaptivePolicyRunsAStillSceneAtTheLongestInterval() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = adaptive(m, Mode.DFF, 5, 0.5, 1)) {
            assertEquals("S....I....I....", keys(e, new int[15], false));
            assertEquals(0, e.keyFrames(KeyReason.ADAPTIVE));
            assertEquals(2, e.keyFrames(KeyReason.INTERVAL));
            assertEquals(0, e.lastResidual().mean(), 1e-9);
        }
        assertEquals(m.opened.get(), m.closed.get(), "every handle closed");
    }

    @Test
    void adaptivePolicyMakesKeyFramesWhereTheSceneChanges() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = adaptive(m, Mode.DFF, 10, 5, 1)) {
            // against the key frame: 3, then 6 grey levels; 2.1 + 5.1 over the noise floor passes 5
            assertEquals("S.A...", keys(e, new int[] {100, 103, 106, 106, 106, 106}, false));
            assertEquals(1, e.keyFrames(KeyReason.ADAPTIVE));
            assertEquals("f106->106", e.process(FakeModelSet.uniform(106), false).detections().get(0).label(),
                    "the promoted frame is the key frame propagated from");
        }
        assertEquals(m.opened.get(), m.closed.get(), "every handle closed");
    }

    @Test
    void sceneCutForcesAKeyFrameEvenWhenLateAndWithinTheMinimumInterval() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = adaptive(m, Mode.DFF, 10, AdaptiveKeyPolicy.DEFAULT_THRESHOLD, 5)) {
            assertEquals("S.C.", keys(e, new int[] {0, 0, 200, 200}, true));
            assertEquals(1, e.keyFrames(KeyReason.SCENE_CUT));
        }
        assertEquals(m.opened.get(), m.closed.get(), "every handle closed");
    }

    @Test
    void lateFramesPostponeAdaptiveKeyFrames() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = adaptive(m, Mode.DFF, 10, 1, 1)) {
            assertEquals("S.....", keys(e, new int[] {100, 103, 106, 109, 112, 115}, true));
            assertEquals("A", keys(e, new int[] {118}, false), "on time again: the check applies");
        }
        assertEquals(m.opened.get(), m.closed.get(), "every handle closed");
    }

    @Test
    void adaptiveHoldAndTrackCheckToo() {
        for (Mode mode : List.of(Mode.HOLD, Mode.TRACK)) {
            FakeModelSet m = new FakeModelSet();
            try (DffEngine e = adaptive(m, mode, 10, 5, 1)) {
                assertEquals("S.A.", keys(e, new int[] {100, 103, 106, 109}, false), mode.toString());
            }
            assertEquals(m.opened.get(), m.closed.get(), "every handle closed in " + mode);
        }
    }

    @Test
    void fixedPolicyNeverChecks() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.DFF, 4, 0.5f)) {
            assertEquals("S...I..", keys(e, new int[] {0, 100, 200, 0, 100, 200, 0}, false));
            assertEquals(null, e.lastResidual());
        }
    }

    @Test
    void dffPropagatesFromTheKeyFrame() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.DFF, 3, 0.5f)) {
            assertEquals(List.of("f0", "f0->1", "f0->2", "f3", "f3->4"), labels(e, 0, 5));
            assertEquals(2, m.featureRuns.get());
            assertEquals(3, m.flowRuns.get());
            assertEquals(5, m.taskRuns.get());
        }
        assertEquals(m.opened.get(), m.closed.get(), "every handle closed");
    }

    @Test
    void frameModeRunsFeatureEveryFrame() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.FRAME, 10, 0.5f)) {
            assertEquals(List.of("f0", "f1", "f2"), labels(e, 0, 3));
            assertEquals(0, m.flowRuns.get());
            FrameResult r = e.process(FakeModelSet.frame(3), false);
            assertTrue(r.keyFrame());
            assertEquals(0, r.framesSinceKey());
        }
        assertEquals(m.opened.get(), m.closed.get());
    }

    @Test
    void holdRepeatsKeyDetectionsWithoutRunningNetworks() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.HOLD, 4, 0.5f)) {
            assertEquals(List.of("f0", "f0", "f0", "f0", "f4"), labels(e, 0, 5));
            assertEquals(2, m.taskRuns.get());
            assertEquals(0, m.flowRuns.get());
        }
        assertEquals(m.opened.get(), m.closed.get());
    }

    @Test
    void trackMovesTheKeyDetectionsByTheFlowWithoutTheHead() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.TRACK, 3, 0.5f)) {
            FrameResult key = e.process(FakeModelSet.frame(0), false);
            FrameResult next = e.process(FakeModelSet.frame(1), false);
            assertEquals("f0", next.detections().get(0).label(), "the key frame's detection");
            // the fake flow reads (1, 0) cells (1 px here) on every cell: content moved one pixel left
            assertEquals(key.detections().get(0).box().x2() - 1, next.detections().get(0).box().x2(), 1e-9);
            assertEquals(1, m.taskRuns.get(), "no head on tracked frames");
            assertEquals(1, m.flowRuns.get());
        }
        assertEquals(m.opened.get(), m.closed.get(), "every handle closed");
    }

    @Test
    void chainedFlowComposesEachStepBackToTheKeyFrame() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.DFF, 4, 0.5f)) {
            e.setChainFlow(true);
            // each step reads (1, 0): one cell from the key frame, then two, then three
            assertEquals(List.of("f0", "f0~1.0", "f0~2.0", "f0~3.0", "f4", "f4~1.0"), labels(e, 0, 6));
            assertEquals(4, m.flowRuns.get(), "one estimate a non-key frame, from the frame before");
            e.reset();
            assertEquals(List.of("f6", "f6~1.0"), labels(e, 6, 8));
        }
        assertEquals(m.opened.get(), m.closed.get(), "every handle closed, the chained frames included");
    }

    @Test
    void thresholdFiltersAndCanChange() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.DFF, 2, 0.5f)) {
            assertEquals(1, e.process(FakeModelSet.frame(0), false).detections().size());
            e.setThreshold(0.1f);
            assertEquals(2, e.process(FakeModelSet.frame(1), false).detections().size());
            assertThrows(IllegalArgumentException.class, () -> e.setThreshold(1.5f));
        }
    }

    @Test
    void discontinuityResetAndModeSwitchForceKeyFrames() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.DFF, 5, 0.5f)) {
            e.process(FakeModelSet.frame(0), false);
            e.process(FakeModelSet.frame(1), false);
            assertTrue(e.process(FakeModelSet.frame(2), true).keyFrame());
            assertFalse(e.process(FakeModelSet.frame(3), false).keyFrame());
            e.reset();
            assertTrue(e.process(FakeModelSet.frame(4), false).keyFrame());
            e.setMode(Mode.HOLD);
            assertTrue(e.process(FakeModelSet.frame(5), false).keyFrame());
            e.setKeyInterval(2);
            assertEquals(List.of("f5", "f7"), labels(e, 6, 8));
        }
        assertEquals(m.opened.get(), m.closed.get());
    }

    @Test
    void frameSizeChangeForcesKeyFrame() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.DFF, 10, 0.5f)) {
            e.process(FakeModelSet.frame(0), false);
            assertFalse(e.process(FakeModelSet.frame(1), false).keyFrame());
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * 8 * 3);
            assertTrue(e.process(org.gstdff.core.Frame.packed(b, 8, 8, org.gstdff.core.PixelFormat.RGB), false)
                    .keyFrame());
        }
    }

    @Test
    void failedKeyFrameLeavesNoStateAndNextFrameRetries() {
        FakeModelSet m = new FakeModelSet();
        try (DffEngine e = new DffEngine(m, Mode.DFF, 5, 0.5f)) {
            m.failFeature = true;
            assertThrows(IllegalStateException.class, () -> e.process(FakeModelSet.frame(0), false));
            m.failFeature = false;
            FrameResult r = e.process(FakeModelSet.frame(1), false);
            assertTrue(r.keyFrame(), "no key state after a failure: the next frame is a key frame");
            assertEquals("f1", r.detections().get(0).label());
        }
        assertEquals(m.opened.get(), m.closed.get());
    }
}
