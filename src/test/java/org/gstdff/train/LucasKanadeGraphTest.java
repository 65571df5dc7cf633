package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.gstdff.core.LucasKanade;
import org.gstdff.model.TfTensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** The steps in the training graph are the steps the engine runs, and training can reach the flow through them. */
class LucasKanadeGraphTest {

    private static final int GW = 20;
    private static final int GH = 16;

    /** A smooth texture, with a block of it moved by (mx, my) pixels when {@code moved}. */
    private static float[] texture(int w, int h, boolean moved, float mx, float my) {
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean block = moved && x >= w / 4 && x < w / 2 + 4 && y >= h / 4 && y < 3 * h / 4;
                double px = block ? x - mx : x;
                double py = block ? y - my : y;
                v[y * w + x] = (float) (0.5 + 0.25 * Math.sin(px * 0.41 + py * 0.13) * Math.cos(py * 0.29 - px
                        * 0.07) + 0.1 * Math.sin(px * 0.9) * Math.sin(py * 0.7));
            }
        }
        return v;
    }

    private static float[] refineInGraph(float[] flow, float[] cur, float[] key, LucasKanade.Settings s) {
        int w = GW * s.scale();
        int h = GH * s.scale();
        try (Graph g = new Graph(); Session session = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> out = LucasKanadeGraph.refine(tf, tf.constant(Shape.of(1, GH, GW, 2),
                    DataBuffers.of(flow)), tf.constant(Shape.of(1, h, w, 1), DataBuffers.of(cur)),
                    tf.constant(Shape.of(1, h, w, 1), DataBuffers.of(key)), s, GW, GH);
            try (Result r = session.runner().fetch(out).run()) {
                return TfTensors.read((TFloat32) r.get(0));
            }
        }
    }

    private static void assertSameField(LucasKanade.Settings s) {
        int w = GW * s.scale();
        int h = GH * s.scale();
        float[] key = texture(w, h, false, 0, 0);
        float[] cur = texture(w, h, true, 1.3f, -0.6f);
        Random rnd = new Random(3);
        float[] flow = new float[GW * GH * 2];
        for (int i = 0; i < flow.length; i++) {
            flow[i] = (rnd.nextFloat() - 0.5f) * 1.2f; // some samples leave the image at the border
        }
        float[] expected = new LucasKanade(s).refine(flow, GW, GH, cur, key);
        float[] got = refineInGraph(flow, cur, key, s);
        double moved = 0;
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 2e-4, "value " + i + " (cell " + i / 2 + ")");
            moved += Math.abs(expected[i] - flow[i]);
        }
        assertTrue(moved > 0.05 * flow.length, "the steps moved the flow: " + moved);
    }

    @Test
    void oneStepEveryCellIsTheEnginesStep() {
        assertSameField(new LucasKanade.Settings(1, 2, 14, 1e-4f));
    }

    @Test
    void twoStepsWithStillCellsAreTheEnginesSteps() {
        LucasKanade.Settings s = new LucasKanade.Settings(2, 2, 14, 1e-4f, 0.01f);
        assertSameField(s);
        // and the still cells are there: the block's far corner is still, its flow set to 0
        float[] flow = new float[GW * GH * 2];
        java.util.Arrays.fill(flow, 0.3f);
        int w = GW * 2;
        int h = GH * 2;
        float[] key = texture(w, h, false, 0, 0);
        float[] got = refineInGraph(flow, texture(w, h, true, 1, 0), key, s);
        assertEquals(0, got[2 * (GH - 1) * GW + 2 * (GW - 1)], 0, "a still corner cell");
    }

    @Test
    void theGreyImageIsTheEnginesBlurOfTheGreyLevels() {
        int w = 10;
        int h = 6;
        byte[] rgb = new byte[w * h * 3];
        float[] levels = new float[w * h];
        Random rnd = new Random(8);
        for (int p = 0; p < w * h; p++) {
            int v = rnd.nextInt(256);
            levels[p] = v;
            rgb[3 * p] = (byte) v; // grey pixels: their level is their value
            rgb[3 * p + 1] = (byte) v;
            rgb[3 * p + 2] = (byte) v;
        }
        float[] expected = LucasKanade.smooth(levels, w, h);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> out = LucasKanadeGraph.greyImage(tf, tf.constant(TUint8.class, Shape.of(1, h, w, 3),
                    DataBuffers.of(rgb)), w, h);
            try (Result r = s.runner().fetch(out).run()) {
                float[] got = TfTensors.read((TFloat32) r.get(0));
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[i], got[i], 1e-6, "pixel " + i);
                }
            }
        }
    }

    @Test
    void theRefinedFlowHasAGradientWithRespectToTheFlow() {
        LucasKanade.Settings s = new LucasKanade.Settings(2, 2, 14, 1e-4f, 0.01f);
        int w = GW * 2;
        int h = GH * 2;
        try (Graph g = new Graph(); Session session = new Session(g)) {
            Ops tf = Ops.create(g);
            var flow = tf.variable(tf.constant(Shape.of(1, GH, GW, 2), DataBuffers.of(new float[GW * GH * 2])));
            Operand<TFloat32> out = LucasKanadeGraph.refine(tf, flow, tf.constant(Shape.of(1, h, w, 1),
                    DataBuffers.of(texture(w, h, true, 1, 0))), tf.constant(Shape.of(1, h, w, 1),
                    DataBuffers.of(texture(w, h, false, 0, 0))), s, GW, GH);
            Operand<TFloat32> loss = tf.math.mean(tf.math.square(tf.math.sub(out, tf.constant(-0.5f))),
                    tf.constant(new int[] {0, 1, 2, 3}));
            Output<?>[] grad = g.addGradients(loss.asOutput(), new Output<?>[] {flow.asOutput()});
            assertNotNull(grad[0].op(), "a gradient op for the flow");
            session.initialize();
            try (Result r = session.runner().fetch(grad[0]).run()) {
                float[] v = TfTensors.read((TFloat32) r.get(0));
                double total = 0;
                for (float x : v) {
                    assertTrue(Float.isFinite(x), "a finite gradient");
                    total += Math.abs(x);
                }
                assertTrue(total > 0, "the gradient reaches the flow");
            }
        }
    }
}
