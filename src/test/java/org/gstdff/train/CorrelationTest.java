package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

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

/** The cost volume against its definition, borders included. */
class CorrelationTest {

    @Test
    void equalsTheDirectSum() {
        int h = 5;
        int w = 6;
        int c = 3;
        int r = 2;
        Random rnd = new Random(4);
        float[] a = new float[h * w * c];
        float[] b = new float[h * w * c];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
            b[i] = rnd.nextFloat() - 0.5f;
        }
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> cur = tf.constant(Shape.of(1, h, w, c), DataBuffers.of(a));
            Operand<TFloat32> key = tf.constant(Shape.of(1, h, w, c), DataBuffers.of(b));
            Operand<TFloat32> cost = FlowNetwork.correlation(tf, cur, key, r);
            try (Result res = s.runner().fetch(cost).run()) {
                float[] got = TfTensors.read((TFloat32) res.get(0));
                int n = (2 * r + 1) * (2 * r + 1);
                assertEquals(h * w * n, got.length);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int k = 0;
                        for (int dy = -r; dy <= r; dy++) {
                            for (int dx = -r; dx <= r; dx++, k++) {
                                double sum = 0;
                                int yy = y + dy;
                                int xx = x + dx;
                                if (yy >= 0 && yy < h && xx >= 0 && xx < w) {
                                    for (int ch = 0; ch < c; ch++) {
                                        sum += a[(y * w + x) * c + ch] * b[(yy * w + xx) * c + ch];
                                    }
                                }
                                assertEquals(sum / c, got[(y * w + x) * n + k], 1e-5, "at " + x + "," + y + " d "
                                        + dx + "," + dy);
                            }
                        }
                    }
                }
            }
        }
    }
}
