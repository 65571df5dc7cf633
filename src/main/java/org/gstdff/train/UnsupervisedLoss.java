package org.gstdff.train;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.model.FeatureWarp;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Flow losses that need no labels, in the manner of UFlow (Jonschkowski et al., ECCV 2020) and ARFlow: a census
 * photometric loss between a frame and the other frame warped by the predicted flow, counted only where a
 * forward-backward check says the pixel is visible in both, and an edge-aware smoothness of the flow. Flow is in
 * pixels of the images given (the feature grid's), current frame to key frame, batch 1. Static graph builders: the
 * caller ({@link TrainingGraph}) owns the graph.
 */
final class UnsupervisedLoss {

    /** Census neighbourhood radius: 7x7, UFlow's. */
    static final int CENSUS_RADIUS = 3;
    /** UFlow's edge constant for images in [0, 1]: the smoothness fades across an edge of ~0.02 grey levels. */
    static final float EDGE_CONSTANT = 150f;
    /**
     * What a pixel the forward-backward check calls occluded is reported to cost, in the manner of UnFlow's constant
     * penalty (Meister et al., AAAI 2018): the most a pixel can cost, a census that disagrees in all 48 neighbours,
     * ((48 * 4 / 4.1) + 0.01)^0.4. Without it a flow that sends every pixel out of the frame reads 0, and a diverged
     * run looks like a perfect one.
     */
    static final float OCCLUSION_PENALTY = 4.66f;

    private UnsupervisedLoss() {
    }

    /** The mean of the channels, keeping the axis: [1,h,w,C] to [1,h,w,1]. */
    static Operand<TFloat32> grey(Ops tf, Operand<TFloat32> image) {
        return tf.math.mean(image, tf.constant(3), Mean.keepDims(true));
    }

    /**
     * The soft census transform of a grey image [1,h,w,1]: for each of the (2r+1)^2 - 1 neighbours, d / sqrt(0.81 +
     * d^2) with d the neighbour's value minus the centre's (in 0-255 grey levels), the border mirrored. It keeps the
     * order of neighbours and ignores brightness and contrast changes, which is why it suits real video.
     */
    static Operand<TFloat32> census(Ops tf, Operand<TFloat32> grey, int r) {
        Operand<TFloat32> g = tf.math.mul(grey, tf.constant(255f));
        Operand<TFloat32> padded = tf.mirrorPad(g, tf.constant(new int[][] {{0, 0}, {r, r}, {r, r}, {0, 0}}),
                "REFLECT");
        var size = tf.shape(g);
        List<Operand<TFloat32>> maps = new ArrayList<>();
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dx == 0 && dy == 0) {
                    continue;
                }
                Operand<TFloat32> d = tf.math.sub(tf.slice(padded, tf.constant(new int[] {0, r + dy, r + dx, 0}),
                        size), g);
                maps.add(tf.math.div(d, tf.math.sqrt(tf.math.add(tf.constant(0.81f), tf.math.mul(d, d)))));
            }
        }
        return tf.concat(maps, tf.constant(3));
    }

    /** The soft Hamming distance of two census maps, summed over neighbours: [1,h,w,1], 0 where they agree. */
    static Operand<TFloat32> censusDistance(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
        Operand<TFloat32> d = tf.math.sub(a, b);
        Operand<TFloat32> d2 = tf.math.mul(d, d);
        return tf.reduceSum(tf.math.div(d2, tf.math.add(tf.constant(0.1f), d2)), tf.constant(3),
                ReduceSum.keepDims(true));
    }

    /**
     * 1 where a pixel is seen in both frames, 0 where not, [1,h,w,1], no gradient: the forward flow and the backward
     * flow read where it lands should cancel, |f + b(p + f)|^2 < 0.01 (|f|^2 + |b(p + f)|^2) + 0.5 (UFlow's,
     * Meister et al.'s thresholds, in pixels), and the landing point must be inside the frame.
     *
     * @param forward  [1,h,w,2] current to key
     * @param backward [1,h,w,2] key to current
     * @param check    scalar, 1 to apply the forward-backward check, 0 to count every pixel that lands inside
     */
    static Operand<TFloat32> visible(Ops tf, Operand<TFloat32> forward, Operand<TFloat32> backward,
            Operand<TFloat32> check) {
        Operand<TFloat32> f = tf.stopGradient(forward);
        Operand<TFloat32> b = FeatureWarp.warp(tf, tf.stopGradient(backward), f, null);
        Operand<TFloat32> sum = tf.math.add(f, b);
        Operand<TFloat32> lhs = squaredNorm(tf, sum);
        Operand<TFloat32> rhs = tf.math.add(tf.math.mul(tf.constant(0.01f), tf.math.add(squaredNorm(tf, f),
                squaredNorm(tf, b))), tf.constant(0.5f));
        Operand<TFloat32> consistent = tf.dtypes.cast(tf.math.less(lhs, rhs), TFloat32.class);
        Operand<TFloat32> checked = tf.math.add(tf.math.mul(check, consistent), tf.math.sub(tf.constant(1f), check));
        return tf.stopGradient(tf.math.mul(checked, inside(tf, f)));
    }

    /** 1 where p + flow(p) lands inside the frame (all four bilinear neighbours), [1,h,w,1], no gradient. */
    static Operand<TFloat32> inside(Ops tf, Operand<TFloat32> flow) {
        Operand<TFloat32> ones = tf.onesLike(tf.slice(flow, tf.constant(new int[] {0, 0, 0, 0}),
                tf.constant(new int[] {-1, -1, -1, 1})));
        Operand<TFloat32> covered = FeatureWarp.warp(tf, ones, tf.stopGradient(flow), null);
        return tf.stopGradient(tf.dtypes.cast(tf.math.greater(covered, tf.constant(0.999f)), TFloat32.class));
    }

    private static Operand<TFloat32> squaredNorm(Ops tf, Operand<TFloat32> v) {
        return tf.reduceSum(tf.math.mul(v, v), tf.constant(3), ReduceSum.keepDims(true));
    }

    /**
     * The census photometric loss of {@code flow}: the key frame warped by it against the current frame, robust
     * ((d + 0.01)^0.4). Its value is the mean over all pixels, an occluded one costing {@link #OCCLUSION_PENALTY};
     * its gradient is that of the mean over the visible pixels, as UFlow's: normalised by all pixels, the pull of
     * the pixels still matched fades as the occluded share grows, the smoothness term (zero for any uniform flow)
     * takes over, and a run drifts until every pixel leaves the frame (FlowTrainerTest at a learning rate of 3e-3).
     *
     * @param current [1,h,w,1] grey in [0, 1]
     * @param key     [1,h,w,1] grey in [0, 1]
     * @param visible [1,h,w,1] from {@link #visible}
     */
    static Operand<TFloat32> photometric(Ops tf, Operand<TFloat32> current, Operand<TFloat32> key,
            Operand<TFloat32> flow, Operand<TFloat32> visible) {
        Operand<TFloat32> warped = FeatureWarp.warp(tf, key, flow, null);
        Operand<TFloat32> d = censusDistance(tf, census(tf, current, CENSUS_RADIUS),
                census(tf, warped, CENSUS_RADIUS));
        Operand<TFloat32> robust = tf.math.pow(tf.math.add(d, tf.constant(0.01f)), tf.constant(0.4f));
        var all = tf.constant(new int[] {0, 1, 2, 3});
        Operand<TFloat32> trained = tf.math.div(tf.reduceSum(tf.math.mul(robust, visible), all),
                tf.math.add(tf.reduceSum(visible, all), tf.constant(1f)));
        Operand<TFloat32> reported = tf.math.mean(tf.math.add(tf.math.mul(robust, visible),
                tf.math.mul(tf.math.sub(tf.constant(1f), visible), tf.constant(OCCLUSION_PENALTY))), all);
        // the value of the one, the gradient of the other
        return tf.math.add(trained, tf.stopGradient(tf.math.sub(reported, trained)));
    }

    /**
     * Edge-aware first-order smoothness: the mean of |flow's difference to its right and lower neighbour|, each
     * weighted by exp(-{@link #EDGE_CONSTANT} * |the image's difference there|), so the flow may jump at an
     * object's edge and nowhere else.
     *
     * @param image [1,h,w,C] in [0, 1]
     */
    static Operand<TFloat32> smoothness(Ops tf, Operand<TFloat32> flow, Operand<TFloat32> image) {
        return tf.math.add(smoothAlong(tf, flow, image, 2), smoothAlong(tf, flow, image, 1));
    }

    private static Operand<TFloat32> smoothAlong(Ops tf, Operand<TFloat32> flow, Operand<TFloat32> image, int axis) {
        Operand<TFloat32> df = difference(tf, flow, axis);
        Operand<TFloat32> di = difference(tf, image, axis);
        Operand<TFloat32> edge = tf.math.exp(tf.math.mul(tf.constant(-EDGE_CONSTANT),
                tf.math.mean(tf.math.abs(di), tf.constant(3), Mean.keepDims(true))));
        return tf.math.mean(tf.math.mul(edge, tf.math.abs(df)), tf.constant(new int[] {0, 1, 2, 3}));
    }

    /** x(p + 1 along axis) - x(p), one shorter along that axis. */
    private static Operand<TFloat32> difference(Ops tf, Operand<TFloat32> x, int axis) {
        int[] from = {0, 0, 0, 0};
        int[] size = {-1, -1, -1, -1};
        from[axis] = 1;
        Operand<TFloat32> later = tf.slice(x, tf.constant(from), tf.constant(size));
        var shape = tf.shape(later);
        Operand<TFloat32> earlier = tf.slice(x, tf.constant(new int[] {0, 0, 0, 0}), shape);
        return tf.math.sub(later, earlier);
    }
}
