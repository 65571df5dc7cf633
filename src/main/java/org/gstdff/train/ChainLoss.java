package org.gstdff.train;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.LucasKanade;
import org.gstdff.model.FeatureWarp;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;

/**
 * The loss on the chained flow, as graph ops: the network runs on each link of a run of n+1 consecutive frames
 * (frame i+1 to frame i, shared parameters), the links are composed back to the first frame exactly as the engine
 * chains them ({@link org.gstdff.core.FlowComposition}: {@code toKey(p) = step(p) + toKey'(p + step(p))}, bilinear,
 * landing clamped to the grid), and each composed flow j = 1..n is compared with the teacher's composed flow (EPE,
 * weighted per cell). A link's error that compounds along the chain is what it pays for, and the gradient reaches
 * every link through the composition.
 * <p>
 * With a task weight, the loss adds the task term of DFF's fine-tuning on the same path: the frozen detector's head
 * map on the key frame ({@link HeadTargets}: objectness and boxes) warped by each composed flow, against the head
 * map on frame j itself ({@link TaskLoss#onProbabilities}), mean over the lengths. It scores the flow where the
 * detections are, as the engine uses it, and its gradient reaches the links through the same composition.
 * <p>
 * With refinement settings, each link's flow is refined by the Lucas-Kanade steps the engine runs on it
 * ({@link LucasKanadeGraph}: the two frames' grey images at the steps' scale) before it is composed: the loss is on
 * the flow the engine chains, and the network pays only for what the steps cannot mend.
 */
final class ChainLoss {

    /**
     * The graph's inputs and its terms: {@code heads} and {@code task} are null without a task weight; {@code loss}
     * is {@code epe + taskWeight * task}.
     */
    record Parts(int length, Placeholder<TUint8> frames, Placeholder<TFloat32> teacher, Placeholder<TFloat32> weight,
            Placeholder<TFloat32> heads, Operand<TFloat32> epe, Operand<TFloat32> task, Operand<TFloat32> loss) {
    }

    private ChainLoss() {
    }

    /**
     * @param length the chain's links n: frames is uint8 [n+1,H,W,3] (the first is the key frame), teacher float
     *               [n,h,w,2] (composed flows, length 1 first) and weight float [n,h,w]
     * @param taskWeight the task term's weight, or 0 for none (then it is not built); its input, heads, is float
     *                   [n+1,h,w,{@value HeadTargets#CHANNELS}], the key frame's first
     * @param refine the steps each link's flow is refined by, as the engine refines it, or null for none
     */
    static Parts build(Ops tf, int length, FlowNetwork.Config config, FlowNetwork.Params params, float taskWeight,
            LucasKanade.Settings refine) {
        Placeholder<TUint8> frames = tf.withName("chain_frames").placeholder(TUint8.class,
                Placeholder.shape(Shape.of(length + 1, -1, -1, 3)));
        Placeholder<TFloat32> teacher = tf.withName("chain_teacher").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(length, config.gridHeight(), config.gridWidth(), 2)));
        Placeholder<TFloat32> weight = tf.withName("chain_weight").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(length, config.gridHeight(), config.gridWidth())));
        Placeholder<TFloat32> heads = taskWeight > 0 ? tf.withName("chain_heads").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(length + 1, config.gridHeight(), config.gridWidth(),
                        HeadTargets.CHANNELS))) : null;
        Operand<TFloat32> keyHead = heads != null ? entry(tf, heads, 0) : null;
        List<Operand<TUint8>> frame = new ArrayList<>();
        List<Operand<TFloat32>> grey = new ArrayList<>();
        int gw = config.gridWidth();
        int gh = config.gridHeight();
        for (int i = 0; i <= length; i++) {
            frame.add(entry(tf, frames, i));
            if (refine != null) {
                grey.add(LucasKanadeGraph.greyImage(tf, frame.get(i), gw * refine.scale(), gh * refine.scale()));
            }
        }
        Operand<TFloat32> toKey = null;
        Operand<TFloat32> sum = null;
        Operand<TFloat32> taskSum = null;
        for (int j = 1; j <= length; j++) {
            Operand<TFloat32> step = FlowNetwork.build(tf, frame.get(j), frame.get(j - 1), config, params).flow();
            if (refine != null) {
                step = LucasKanadeGraph.refine(tf, step, grey.get(j), grey.get(j - 1), refine, gw, gh);
            }
            toKey = toKey == null ? step : compose(tf, step, toKey, config.gridWidth(), config.gridHeight());
            Operand<TFloat32> target = entry(tf, teacher, j - 1);
            Operand<TFloat32> w = tf.slice(weight, tf.constant(new int[] {j - 1, 0, 0}),
                    tf.constant(new int[] {1, -1, -1}));
            Operand<TFloat32> epe = tf.math.mean(tf.math.mul(TrainingGraph.endPointError(tf, toKey, target), w),
                    tf.constant(new int[] {0, 1, 2}));
            sum = sum == null ? epe : tf.math.add(sum, epe);
            if (heads != null) {
                Operand<TFloat32> t = task(tf, keyHead, toKey, entry(tf, heads, j));
                taskSum = taskSum == null ? t : tf.math.add(taskSum, t);
            }
        }
        Operand<TFloat32> n = tf.constant((float) length);
        Operand<TFloat32> epe = tf.math.div(sum, n);
        if (heads == null) {
            return new Parts(length, frames, teacher, weight, null, epe, null, epe);
        }
        Operand<TFloat32> task = tf.math.div(taskSum, n);
        return new Parts(length, frames, teacher, weight, heads, epe, task,
                tf.math.add(epe, tf.math.mul(tf.constant(taskWeight), task)));
    }

    /**
     * The task term of one frame: the key frame's head targets ([1,h,w,5], {@link HeadTargets}) warped by the flow
     * to the key frame, against the frame's own ({@link TaskLoss#onProbabilities}: objectness squared error, box L1
     * where the frame has objects).
     */
    static Operand<TFloat32> task(Ops tf, Operand<TFloat32> keyHead, Operand<TFloat32> toKey, Operand<TFloat32> own) {
        Operand<TFloat32> warped = FeatureWarp.warp(tf, keyHead, toKey, null);
        return TaskLoss.onProbabilities(tf, channels(tf, warped, 0, 1), channels(tf, warped, 1, 4),
                channels(tf, own, 0, 1), channels(tf, own, 1, 4));
    }

    /** Entry i of a batch, as a batch of 1. */
    private static <T extends TType> Operand<T> entry(Ops tf, Operand<T> batch, int i) {
        return tf.slice(batch, tf.constant(new int[] {i, 0, 0, 0}), tf.constant(new int[] {1, -1, -1, -1}));
    }

    /** Channels {@code from .. from+count-1} of a [1,h,w,C] map. */
    private static Operand<TFloat32> channels(Ops tf, Operand<TFloat32> map, int from, int count) {
        return tf.slice(map, tf.constant(new int[] {0, 0, 0, from}), tf.constant(new int[] {-1, -1, -1, count}));
    }

    /** The graph form of {@link org.gstdff.core.FlowComposition#compose}, batch 1. */
    static Operand<TFloat32> compose(Ops tf, Operand<TFloat32> step, Operand<TFloat32> previousToKey,
            int w, int h) {
        Operand<TFloat32> xs = tf.reshape(tf.dtypes.cast(tf.range(tf.constant(0), tf.constant(w), tf.constant(1)),
                TFloat32.class), tf.constant(new int[] {1, 1, -1}));
        Operand<TFloat32> ys = tf.reshape(tf.dtypes.cast(tf.range(tf.constant(0), tf.constant(h), tf.constant(1)),
                TFloat32.class), tf.constant(new int[] {1, -1, 1}));
        Operand<TFloat32> zero = tf.constant(0f);
        // the landing point clamped to the grid, as a step: FeatureWarp then samples inside the map
        Operand<TFloat32> sx = tf.math.sub(tf.clipByValue(tf.math.add(tf.gather(step, tf.constant(0), tf.constant(3)),
                xs), zero, tf.constant((float) (w - 1))), xs);
        Operand<TFloat32> sy = tf.math.sub(tf.clipByValue(tf.math.add(tf.gather(step, tf.constant(1), tf.constant(3)),
                ys), zero, tf.constant((float) (h - 1))), ys);
        Operand<TFloat32> clamped = tf.stack(List.of(sx, sy), Stack.axis(3L));
        return tf.math.add(step, FeatureWarp.warp(tf, previousToKey, clamped, null));
    }
}
