package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.gstdff.core.FlowComposition;
import org.gstdff.model.TfTensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The chained flow in the training graph is the flow the engine chains. */
class ChainLossTest {

    @Test
    void theGraphComposesAsTheEngineDoesIncludingLandingsOffTheGrid() {
        int w = 9;
        int h = 7;
        Random rnd = new Random(5);
        float[] step = new float[w * h * 2];
        float[] previous = new float[w * h * 2];
        for (int i = 0; i < step.length; i++) {
            step[i] = (rnd.nextFloat() - 0.5f) * 6; // up to 3 cells: some land off the grid
            previous[i] = (rnd.nextFloat() - 0.5f) * 4;
        }
        float[] expected = FlowComposition.compose(step, previous, w, h);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> out = ChainLoss.compose(tf, tf.constant(Shape.of(1, h, w, 2), DataBuffers.of(step)),
                    tf.constant(Shape.of(1, h, w, 2), DataBuffers.of(previous)), w, h);
            try (Result r = s.runner().fetch(out).run()) {
                float[] got = TfTensors.read((TFloat32) r.get(0));
                assertEquals(expected.length, got.length);
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expected[i], got[i], 1e-5, "value " + i);
                }
            }
        }
    }

    /** Head targets on a w x h grid: one object of objectness 0.9 and boxes (1, 2, 3, 4) at cell (x, y). */
    private static float[] objectAt(int w, int h, int x, int y) {
        float[] m = new float[w * h * HeadTargets.CHANNELS];
        int p = (y * w + x) * HeadTargets.CHANNELS;
        m[p] = 0.9f;
        for (int k = 0; k < 4; k++) {
            m[p + 1 + k] = k + 1;
        }
        return m;
    }

    private static double task(float[] key, float[] own, float dx, float dy, int w, int h) {
        float[] flow = new float[w * h * 2];
        for (int i = 0; i < w * h; i++) {
            flow[2 * i] = dx;
            flow[2 * i + 1] = dy;
        }
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Shape heads = Shape.of(1, h, w, HeadTargets.CHANNELS);
            Operand<TFloat32> t = ChainLoss.task(tf, tf.constant(heads, DataBuffers.of(key)),
                    tf.constant(Shape.of(1, h, w, 2), DataBuffers.of(flow)), tf.constant(heads, DataBuffers.of(own)));
            try (Result r = s.runner().fetch(t).run()) {
                return ((TFloat32) r.get(0)).getFloat();
            }
        }
    }

    @Test
    void theTaskTermVanishesWhereTheFlowCarriesTheKeysObjectOntoTheFramesAndNotElsewhere() {
        int w = 12;
        int h = 8;
        float[] key = objectAt(w, h, 3, 4);
        float[] own = objectAt(w, h, 6, 4); // it walked 3 cells right: the flow to the key frame is (-3, 0)
        assertEquals(0, task(key, own, -3, 0, w, h), 1e-6);
        double still = task(key, own, 0, 0, w, h);
        double halfWay = task(key, own, -1.5f, 0, w, h);
        double wrongWay = task(key, own, 3, 0, w, h);
        // missed object (0.81) plus a false one (0.81), over 1 + 0.9; the box term only where the frame has it
        assertEquals((0.81 + 0.81 + 0.1 * 0.9 * (1 + 2 + 3 + 4)) / 1.9, still, 1e-5);
        assertTrue(halfWay > 0 && halfWay < still, "a half-right flow costs less than none: " + halfWay);
        assertEquals(still, wrongWay, 1e-6);
        // read past the border, the warped targets are 0 ("nothing there"), not an object
        assertEquals(0.81 / 1.9 + 0.1 * 0.9 * 10 / 1.9, task(key, own, 20, 0, w, h), 1e-5);
    }
}
