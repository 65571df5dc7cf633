package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
