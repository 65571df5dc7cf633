package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The graph warp is differentiable in key features, flow and scale: TensorFlow's gradients of a weighted sum of the
 * warped map agree with central finite differences (float64 arithmetic would be tighter; float32 with eps 1e-2 and
 * flows kept away from integer sample positions, where bilinear sampling has kinks, is within 2e-2 relative).
 */
class FeatureWarpGradientTest {

    static final int H = 5;
    static final int W = 6;
    static final int C = 3;

    @Test
    void analyticGradientsMatchFiniteDifferences() {
        Random rnd = new Random(5);
        float[] key = random(rnd, H * W * C, 1);
        float[] scale = new float[H * W * C];
        float[] weights = random(rnd, H * W * C, 1);
        float[] flow = new float[H * W * 2];
        for (int i = 0; i < scale.length; i++) {
            scale[i] = 0.5f + rnd.nextFloat();
        }
        for (int i = 0; i < flow.length; i++) {
            // fractional parts in [0.2, 0.8]: away from the kinks at integer sample positions; some samples leave the map
            flow[i] = (float) (Math.floor(rnd.nextFloat() * 4 - 2) + 0.2 + 0.6 * rnd.nextFloat());
        }
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> k = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> f = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> s = tf.placeholder(TFloat32.class);
            Operand<TFloat32> loss = tf.sum(tf.math.mul(FeatureWarp.warp(tf, k, f, s),
                    tf.constant(Shape.of(1, H, W, C), DataBuffers.of(weights))), tf.constant(new int[] {0, 1, 2, 3}));
            Gradients grads = tf.gradients(loss, List.of(k, f, s));
            try (Session ses = new Session(g)) {
                float[][] analytic = new float[3][];
                try (var kt = t(key, C); var ft = t(flow, 2); var st = t(scale, C);
                        Result r = ses.runner().feed(k, kt).feed(f, ft).feed(s, st).fetch(grads.dy(0))
                                .fetch(grads.dy(1)).fetch(grads.dy(2)).run()) {
                    for (int i = 0; i < 3; i++) {
                        analytic[i] = new float[(int) r.get(i).shape().size()];
                        ((TFloat32) r.get(i)).asRawTensor().data().asFloats().read(analytic[i]);
                    }
                }
                float[][] inputs = {key, flow, scale};
                double eps = 1e-2;
                for (int which = 0; which < 3; which++) {
                    float[] x = inputs[which];
                    for (int i = 0; i < x.length; i += 3) {
                        float old = x[i];
                        x[i] = (float) (old + eps);
                        double up = eval(ses, loss, k, f, s, key, flow, scale);
                        x[i] = (float) (old - eps);
                        double down = eval(ses, loss, k, f, s, key, flow, scale);
                        x[i] = old;
                        double numeric = (up - down) / (2 * eps);
                        assertEquals(numeric, analytic[which][i], 2e-2 * Math.max(1, Math.abs(numeric)),
                                "d loss / d " + new String[] {"key", "flow", "scale"}[which] + "[" + i + "]");
                    }
                }
            }
        }
    }

    static float[] random(Random rnd, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextGaussian() * std);
        }
        return v;
    }

    static TFloat32 t(float[] v, int channels) {
        return TFloat32.tensorOf(Shape.of(1, H, W, channels), DataBuffers.of(v));
    }

    static double eval(Session ses, Operand<TFloat32> loss, Placeholder<TFloat32> k, Placeholder<TFloat32> f,
            Placeholder<TFloat32> s, float[] key, float[] flow, float[] scale) {
        try (var kt = t(key, C); var ft = t(flow, 2); var st = t(scale, C);
                Result r = ses.runner().feed(k, kt).feed(f, ft).feed(s, st).fetch(loss).run()) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }
}
