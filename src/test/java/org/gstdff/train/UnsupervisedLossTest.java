package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The label-free flow losses on a texture moved by a known shift. */
class UnsupervisedLossTest {

    static final int S = 24;

    /** A smooth random texture in [0, 1] on a (S + 8) square, read at an offset. */
    private static float[] texture(int dx, float gain, float bias) {
        Random rnd = new Random(3);
        int n = S + 8;
        float[] big = new float[n * n];
        for (int i = 0; i < big.length; i++) {
            big[i] = rnd.nextFloat();
        }
        float[] out = new float[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                // a 2x2 box blur: smooth enough for bilinear sampling, textured enough for census
                int sx = x + 2 + dx;
                int sy = y + 2;
                float v = (big[sy * n + sx] + big[sy * n + sx + 1] + big[(sy + 1) * n + sx] + big[(sy + 1) * n + sx
                        + 1]) / 4;
                out[y * S + x] = gain * v + bias;
            }
        }
        return out;
    }

    private static float[] uniformFlow(float dx, float dy) {
        float[] f = new float[S * S * 2];
        for (int i = 0; i < f.length; i += 2) {
            f[i] = dx;
            f[i + 1] = dy;
        }
        return f;
    }

    private static Operand<TFloat32> constant(Ops tf, float[] v, int channels) {
        return tf.constant(Shape.of(1, S, S, channels), DataBuffers.of(v));
    }

    /** Photometric loss of {@code flow} between current and key, with everything visible. */
    private static float photometric(float[] current, float[] key, float[] flow) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> f = constant(tf, flow, 2);
            Operand<TFloat32> loss = UnsupervisedLoss.photometric(tf, constant(tf, current, 1), constant(tf, key, 1),
                    f, UnsupervisedLoss.inside(tf, f));
            try (Result r = s.runner().fetch(loss).run()) {
                return ((TFloat32) r.get(0)).getFloat();
            }
        }
    }

    @Test
    void theTrueShiftHasTheLowestPhotometricLossAndBrightnessDoesNotMatter() {
        float[] key = texture(0, 1, 0);
        float[] current = texture(2, 1, 0); // current(x) = key(x + 2): the flow to the key frame is (+2, 0)
        float right = photometric(current, key, uniformFlow(2, 0));
        float none = photometric(current, key, uniformFlow(0, 0));
        float half = photometric(current, key, uniformFlow(1, 0));
        assertTrue(right < 0.5 * half && half < none, "true " + right + ", half " + half + ", none " + none);
        // census sees the order of neighbours: a darker, lower-contrast copy at the true shift costs about the same
        float darker = photometric(texture(2, 0.6f, 0.1f), key, uniformFlow(2, 0));
        assertEquals(right, darker, 0.2 * (none - right), "gain and bias change little: " + right + " vs " + darker);
    }

    @Test
    void aFlowThatLeavesTheFrameCostsTheOcclusionPenaltyNotNothing() {
        float[] key = texture(0, 1, 0);
        float[] current = texture(2, 1, 0);
        float out = photometric(current, key, uniformFlow(3 * S, 0)); // every pixel lands outside: all occluded
        assertEquals(UnsupervisedLoss.OCCLUSION_PENALTY, out, 1e-5, "all occluded");
        float none = photometric(current, key, uniformFlow(0, 0));
        assertTrue(out > none, "leaving the frame " + out + " must not beat standing still " + none);
    }

    @Test
    void flowsThatCancelAreVisibleAndOthersAreNot() {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> on = tf.constant(1f);
            Operand<TFloat32> consistent = UnsupervisedLoss.visible(tf, constant(tf, uniformFlow(2, 0), 2),
                    constant(tf, uniformFlow(-2, 0), 2), on);
            Operand<TFloat32> inconsistent = UnsupervisedLoss.visible(tf, constant(tf, uniformFlow(2, 0), 2),
                    constant(tf, uniformFlow(2, 0), 2), on);
            // the check off (the warm-up): inconsistent flows count where they land inside
            Operand<TFloat32> unchecked = UnsupervisedLoss.visible(tf, constant(tf, uniformFlow(2, 0), 2),
                    constant(tf, uniformFlow(2, 0), 2), tf.constant(0f));
            try (Result r = s.runner().fetch(consistent).fetch(inconsistent).fetch(unchecked).run()) {
                float[] c = read((TFloat32) r.get(0));
                float[] i = read((TFloat32) r.get(1));
                float[] u = read((TFloat32) r.get(2));
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        // landing at x + 2 must leave both bilinear neighbours in the frame
                        assertEquals(x + 2 <= S - 1 ? 1f : 0f, c[y * S + x], "consistent, cell " + x + "," + y);
                        assertEquals(0f, i[y * S + x], "inconsistent, cell " + x + "," + y);
                        assertEquals(c[y * S + x], u[y * S + x], "unchecked, cell " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void smoothnessIsZeroForUniformFlowAndCheaperAcrossAnImageEdge() {
        float[] jump = new float[S * S * 2];
        float[] edge = new float[S * S];
        float[] flat = new float[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                jump[2 * (y * S + x)] = x < S / 2 ? 0 : 3;
                edge[y * S + x] = x < S / 2 ? 0.2f : 0.8f;
                flat[y * S + x] = 0.5f;
            }
        }
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> uniform = UnsupervisedLoss.smoothness(tf, constant(tf, uniformFlow(1.5f, -2), 2),
                    constant(tf, flat, 1));
            Operand<TFloat32> atEdge = UnsupervisedLoss.smoothness(tf, constant(tf, jump, 2), constant(tf, edge, 1));
            Operand<TFloat32> onFlat = UnsupervisedLoss.smoothness(tf, constant(tf, jump, 2), constant(tf, flat, 1));
            try (Result r = s.runner().fetch(uniform).fetch(atEdge).fetch(onFlat).run()) {
                assertEquals(0f, ((TFloat32) r.get(0)).getFloat(), 1e-7);
                float e = ((TFloat32) r.get(1)).getFloat();
                float f = ((TFloat32) r.get(2)).getFloat();
                assertTrue(f > 0.05 && e < 1e-6 * f + 1e-9, "a jump where the image has an edge " + e
                        + " against on a flat image " + f);
            }
        }
    }

    /** The photometric gradient moves a flow that is off by half a pixel towards the true shift. */
    @Test
    void gradientPointsTowardsTheTrueShift() {
        float[] key = texture(0, 1, 0);
        float[] current = texture(2, 1, 0);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> f = tf.placeholder(TFloat32.class);
            Operand<TFloat32> loss = UnsupervisedLoss.photometric(tf, constant(tf, current, 1), constant(tf, key, 1),
                    f, UnsupervisedLoss.inside(tf, f));
            Gradients grads = tf.gradients(loss, List.of(f));
            for (float start : new float[] {1.5f, 2.5f}) {
                try (TFloat32 flow = TFloat32.tensorOf(Shape.of(1, S, S, 2), DataBuffers.of(uniformFlow(start, 0)));
                        Result r = s.runner().feed(f, flow).fetch(grads.dy(0)).run()) {
                    float[] d = read((TFloat32) r.get(0));
                    double sumX = 0;
                    for (int i = 0; i < d.length; i += 2) {
                        sumX += d[i];
                    }
                    // descent moves against the gradient: up from 1.5, down from 2.5
                    assertTrue(start < 2 ? sumX < 0 : sumX > 0, "from " + start + ": d loss / d dx summed " + sumX);
                }
            }
        }
    }

    private static float[] read(TFloat32 t) {
        float[] v = new float[(int) t.shape().size()];
        t.asRawTensor().data().asFloats().read(v);
        return v;
    }
}
