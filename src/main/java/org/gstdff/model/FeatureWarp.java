package org.gstdff.model;

import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The DFF warp as graph ops: {@code out(p) = scale(p) * bilinear(key, p + flow(p))}, zero outside the map,
 * exactly as {@link org.gstdff.core.ReferenceWarp}. Differentiable in key, flow and scale: the sampling
 * position's integer part goes through StopGradient (Floor has no gradient), the fractional part carries the
 * flow gradient. Batch size 1; four gathers of whole feature vectors, so the cost is ~4 h*w*C reads.
 */
public final class FeatureWarp {

    static {
        TensorFlowNatives.load(); // quietly, before any TensorFlow class needs the library
    }

    private FeatureWarp() {
    }

    /**
     * @param key   float [1,h,w,C]
     * @param flow  float [1,h,w,2], (dx, dy) in feature pixels from the current frame to the key frame
     * @param scale float [1,h,w,C], or null for no scaling
     */
    public static Operand<TFloat32> warp(Ops tf, Operand<TFloat32> key, Operand<TFloat32> flow,
            Operand<TFloat32> scale) {
        Operand<TInt32> shape = tf.shape(key);
        Operand<TInt32> hI = tf.gather(shape, tf.constant(1), tf.constant(0));
        Operand<TInt32> wI = tf.gather(shape, tf.constant(2), tf.constant(0));
        Operand<TInt32> cI = tf.gather(shape, tf.constant(3), tf.constant(0));
        Operand<TFloat32> h = tf.dtypes.cast(hI, TFloat32.class);
        Operand<TFloat32> w = tf.dtypes.cast(wI, TFloat32.class);

        Operand<TFloat32> xs = tf.reshape(tf.dtypes.cast(tf.range(tf.constant(0), wI, tf.constant(1)), TFloat32.class),
                tf.constant(new int[] {1, 1, -1}));
        Operand<TFloat32> ys = tf.reshape(tf.dtypes.cast(tf.range(tf.constant(0), hI, tf.constant(1)), TFloat32.class),
                tf.constant(new int[] {1, -1, 1}));
        Operand<TFloat32> sx = tf.math.add(tf.gather(flow, tf.constant(0), tf.constant(3)), xs); // [1,h,w]
        Operand<TFloat32> sy = tf.math.add(tf.gather(flow, tf.constant(1), tf.constant(3)), ys);
        Operand<TFloat32> x0 = tf.stopGradient(tf.math.floor(sx));
        Operand<TFloat32> y0 = tf.stopGradient(tf.math.floor(sy));
        Operand<TFloat32> ax = tf.math.sub(sx, x0);
        Operand<TFloat32> ay = tf.math.sub(sy, y0);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> bx = tf.math.sub(one, ax);
        Operand<TFloat32> by = tf.math.sub(one, ay);

        Operand<TFloat32> flat = tf.reshape(key, tf.stack(List.of(tf.constant(-1), cI)));
        Operand<TInt32> outShape = tf.shape(key);
        Operand<TFloat32> sum = null;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                Operand<TFloat32> xi = dx == 0 ? x0 : tf.math.add(x0, one);
                Operand<TFloat32> yi = dy == 0 ? y0 : tf.math.add(y0, one);
                Operand<TFloat32> weight = tf.math.mul(dx == 0 ? bx : ax, dy == 0 ? by : ay);
                Operand<TFloat32> term = corner(tf, flat, outShape, xi, yi, weight, w, h);
                sum = sum == null ? term : tf.math.add(sum, term);
            }
        }
        return scale == null ? sum : tf.math.mul(sum, scale);
    }

    /** weight * key[yi, xi] where (xi, yi) is inside the map, else 0; result [1,h,w,C]. */
    private static Operand<TFloat32> corner(Ops tf, Operand<TFloat32> flat, Operand<TInt32> outShape,
            Operand<TFloat32> xi, Operand<TFloat32> yi, Operand<TFloat32> weight, Operand<TFloat32> w,
            Operand<TFloat32> h) {
        Operand<TFloat32> zero = tf.constant(0f);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> wMax = tf.math.sub(w, one);
        Operand<TFloat32> hMax = tf.math.sub(h, one);
        Operand<TBool> inside = tf.math.logicalAnd(
                tf.math.logicalAnd(tf.math.greaterEqual(xi, zero), tf.math.lessEqual(xi, wMax)),
                tf.math.logicalAnd(tf.math.greaterEqual(yi, zero), tf.math.lessEqual(yi, hMax)));
        Operand<TFloat32> masked = tf.math.mul(weight, tf.dtypes.cast(inside, TFloat32.class));
        Operand<TFloat32> xc = tf.clipByValue(xi, zero, wMax);
        Operand<TFloat32> yc = tf.clipByValue(yi, zero, hMax);
        Operand<TInt32> index = tf.reshape(tf.dtypes.cast(tf.math.add(tf.math.mul(yc, w), xc), TInt32.class),
                tf.constant(new int[] {-1}));
        Operand<TFloat32> gathered = tf.reshape(tf.gather(flat, index, tf.constant(0)), outShape);
        return tf.math.mul(gathered, tf.expandDims(masked, tf.constant(-1)));
    }
}
