package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gstdff.core.Frame;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FrameImage;
import org.gstdff.gst.ClipReader;
import org.gstdff.model.Device;
import org.gstdff.model.TfModelSet;
import org.gstdff.model.TfTensors;
import org.gstdff.model.imports.DetectorPresets;
import org.gstdff.model.imports.RealModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The task loss on the real CenterNet head and real vtest features (evaluated here, never trained on): zero for a
 * frame against itself, positive between frames where people moved, and its gradient agrees with finite
 * differences of the loss.
 */
class TaskLossTest {

    private static float[] still;
    private static float[] moved;

    @BeforeAll
    static void features() {
        List<byte[]> frames = ClipReader.read(RealModels.vtest(), 384, 288, 6, 2);
        try (TfModelSet set = TfModelSet.load(RealModels.defaultSet(), Device.CPU)) {
            still = features(set, frames.get(1));
            moved = features(set, frames.get(0));
        }
    }

    private static float[] features(TfModelSet set, byte[] rgb) {
        try (FrameImage img = set.ingest().ingest(Frame.rgb(rgb, 384, 288));
                FeatureMap f = set.feature().extract(img)) {
            return TfTensors.read(TfTensors.features(f));
        }
    }

    private static TFloat32 tensor(float[] v) {
        return TFloat32.tensorOf(Shape.of(1, 128, 128, v.length / (128 * 128)), DataBuffers.of(v, true, false));
    }

    private static TaskLoss centerNet() {
        return TaskLoss.forSet(RealModels.defaultSet(), DetectorPresets.CENTERNET_HEATMAP_LOGITS,
                DetectorPresets.CENTERNET_BOX_MAP);
    }

    private static double loss(TaskLoss t, float[] propagated) {
        try (TFloat32 p = tensor(propagated); TFloat32 o = tensor(still); TaskLoss.Value v = t.evaluate(p, o)) {
            return v.loss();
        }
    }

    @Test
    void zeroOnItsOwnFeaturesAndPositiveAfterMotion() {
        try (TaskLoss t = centerNet(); TFloat32 s = tensor(still); TaskLoss.Value same = t.evaluate(s, s)) {
            assertEquals(0, same.loss(), 1e-9);
            float[] g = TfTensors.read(same.gradient());
            double max = 0;
            for (float x : g) {
                max = Math.max(max, Math.abs(x));
            }
            assertEquals(0, max, 1e-9, "no gradient at the optimum");
            assertTrue(loss(t, moved) > 0.05, "six frames of walking change the head's output: " + loss(t, moved));
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        try (TaskLoss t = centerNet()) {
            float[] g;
            try (TFloat32 p = tensor(moved); TFloat32 o = tensor(still); TaskLoss.Value v = t.evaluate(p, o)) {
                g = TfTensors.read(v.gradient());
            }
            double norm = 0;
            for (float x : g) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            assertTrue(norm > 0, "a gradient where the outputs differ");
            // along the gradient's direction the slope is its norm
            double h = 0.05;
            float[] plus = moved.clone();
            float[] minus = moved.clone();
            for (int i = 0; i < g.length; i++) {
                plus[i] += (float) (h * g[i] / norm);
                minus[i] -= (float) (h * g[i] / norm);
            }
            double slope = (loss(t, plus) - loss(t, minus)) / (2 * h);
            assertEquals(norm, slope, 0.05 * norm, "finite-difference slope vs gradient norm");
        }
    }

    @Test
    void namesTheMissingTensor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskLoss(RealModels.defaultSet(), "no/such/logits:0", DetectorPresets.CENTERNET_BOX_MAP));
        assertTrue(e.getMessage().contains("no/such/logits:0"), e.getMessage());
    }
}
