package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.LucasKanade;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refined flow makes its grey images and still cells while the inner flow runs: the steps still get exactly the
 * pair they would serially, and a failure on either side is thrown as it was, with nothing left running or open.
 */
class RefinedFlowNetTest {

    private static final int GRID = TinyModelSet.INPUT / TinyModelSet.STRIDE;
    private static final LucasKanade.Settings STEPS = new LucasKanade.Settings(2, 2, 6, 1e-4f, 0.01f); // 3x3 cells

    @TempDir
    Path tmp;

    /** A uniform field each call, or the failure queued for that call; counts the fields it hands out and closes. */
    private static final class FakeFlow implements FlowNet {
        final List<RuntimeException> failures = new ArrayList<>();
        int open;

        @Override
        public FlowField estimate(FrameImage earlier, FrameImage current) {
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
            float[] v = new float[GRID * GRID * 2];
            for (int c = 0; c < GRID * GRID; c++) {
                v[2 * c] = 0.3f;
                v[2 * c + 1] = -0.2f;
            }
            open++;
            return new FlowField() {
                @Override
                public int width() {
                    return GRID;
                }

                @Override
                public int height() {
                    return GRID;
                }

                @Override
                public float[] vectors() {
                    return v;
                }

                @Override
                public void close() {
                    open--;
                }
            };
        }

        @Override
        public FeatureMap warp(FeatureMap keyFeatures, FlowField flow) {
            throw new UnsupportedOperationException("not warped here");
        }
    }

    /** The field the steps give serially on the two frames' grey images. */
    private static float[] serial(FrameImage earlier, FrameImage current) {
        int side = GRID * STEPS.scale();
        float[] start = new FakeFlow().estimate(earlier, current).vectors();
        return new LucasKanade(STEPS).refine(start, GRID, GRID, GreyFrames.smoothed(current, side, side),
                GreyFrames.smoothed(earlier, side, side));
    }

    @Test
    void aChainOfFramesIsRefinedAsTheStepsRefineItSerially() throws Exception {
        Path dir = TinyModelSet.write(tmp.resolve("tiny"), 4);
        FakeFlow inner = new FakeFlow();
        try (ModelSet set = SharedModelSets.open(dir, Device.CPU, 1, null, FlowRefine.NONE);
                RefinedFlowNet refined = new RefinedFlowNet(inner, null, GRID, GRID, STEPS);
                FrameImage a = set.ingest().ingest(TfModelSetTest.texture(128, 128, 0));
                FrameImage b = set.ingest().ingest(TfModelSetTest.texture(128, 128, 2));
                FrameImage c = set.ingest().ingest(TfModelSetTest.texture(128, 128, 3))) {
            // a to b, b to c (b's grey image kept from the call before), a to c (a key frame's again)
            FrameImage[][] pairs = {{a, b}, {b, c}, {a, c}};
            for (FrameImage[] p : pairs) {
                try (FlowField f = refined.estimate(p[0], p[1])) {
                    float[] expected = serial(p[0], p[1]);
                    assertArrayEquals(expected, f.vectors(), "the same field to the bit");
                    assertTrue(expected[2 * (GRID * GRID / 2 + GRID / 2)] != 0.3f, "the steps moved the field");
                }
            }
            assertEquals(0, inner.open, "every inner field closed");
        }
    }

    @Test
    void aFailingFlowIsThrownAsItWasAndTheNextPairIsRefined() throws Exception {
        Path dir = TinyModelSet.write(tmp.resolve("tiny"), 4);
        FakeFlow inner = new FakeFlow();
        IllegalStateException failure = new IllegalStateException("flow network: output 'flow' is broken");
        inner.failures.add(failure);
        try (ModelSet set = SharedModelSets.open(dir, Device.CPU, 1, null, FlowRefine.NONE);
                RefinedFlowNet refined = new RefinedFlowNet(inner, null, GRID, GRID, STEPS);
                FrameImage a = set.ingest().ingest(TfModelSetTest.texture(128, 128, 0));
                FrameImage b = set.ingest().ingest(TfModelSetTest.texture(128, 128, 2))) {
            assertSame(failure, assertThrows(IllegalStateException.class, () -> refined.estimate(a, b)));
            try (FlowField f = refined.estimate(a, b)) {
                assertArrayEquals(serial(a, b), f.vectors());
            }
            assertEquals(0, inner.open);
        }
    }

    @Test
    void aFrameWithNoGreyImageIsThrownAsItWasAndTheFlowClosed() {
        FakeFlow inner = new FakeFlow();
        FrameImage notTensors = new BlankFrame();
        try (RefinedFlowNet refined = new RefinedFlowNet(inner, null, GRID, GRID, STEPS)) {
            ClassCastException e = assertThrows(ClassCastException.class,
                    () -> refined.estimate(notTensors, notTensors));
            assertTrue(e.getMessage().contains("TfFrameImage"), e.getMessage());
            assertNull(e.getCause(), "the exception the grey images threw, not the pool's copy of it");
            assertEquals(0, inner.open, "the inner field closed though the grey images failed");
        }
    }
}
