package org.gstdff.train;

import java.nio.file.Path;

import org.gstdff.model.ModelContract;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * The task-driven loss of DFF fine-tuning: the detection head run on propagated features should give what it gives
 * on the current frame's own features. For a CenterNet-style head with class-heatmap logits z and a box map b:
 * <pre>
 *   L = [ sum_{cells, classes} (sigmoid(z_prop) - sigmoid(z_own))^2
 *         + 0.1 * sum_cells m * |b_prop - b_own|_1 ] / (1 + n)
 * </pre>
 * with m = the largest class probability of the own heatmap at a cell (box errors count where there are objects)
 * and n = sum m (about the number of objects' cells, so a crowded frame does not outweigh an empty one).
 * <p>
 * The head is the set's own task SavedModel, loaded here a second time and frozen. Its loss and the loss's gradient
 * with respect to the propagated features are computed in that graph; the flow network's graph takes the gradient
 * and continues the chain rule to its parameters (see {@link FlowTrainer}).
 */
public final class TaskLoss implements AutoCloseable {

    /** Box-map weight, as CenterNet weighs its size loss. */
    static final float BOX_WEIGHT = 0.1f;

    /** The loss of one pair and its gradient with respect to the propagated features, owned by the caller. */
    public record Value(double loss, TFloat32 gradient) implements AutoCloseable {
        @Override
        public void close() {
            gradient.close();
        }
    }

    private final SavedModelBundle head;
    private final Output<TFloat32> features;
    private final Output<TFloat32> logits;
    private final Output<TFloat32> boxes;
    private final Placeholder<TFloat32> ownLogits;
    private final Placeholder<TFloat32> ownBoxes;
    private final Operand<TFloat32> loss;
    private final Output<?> gradient;

    /**
     * @param setDir        a model set: its task SavedModel is loaded, features are fed to its signature's
     *                      {@code feature} input
     * @param heatmapLogits the class heatmap before its sigmoid, [1, H, W, classes]
     * @param boxMap        the box regression map, [1, H, W, k]
     */
    public TaskLoss(Path setDir, String heatmapLogits, String boxMap) {
        Path taskDir = setDir.resolve(ModelContract.TASK_DIR);
        head = SavedModelBundle.load(taskDir.toString(), ModelContract.TAG);
        try {
            Graph g = head.graph();
            var signature = head.metaGraphDef().getSignatureDefMap().get(ModelContract.SIGNATURE);
            if (signature == null || !signature.getInputsMap().containsKey(ModelContract.FEATURE)) {
                throw new IllegalArgumentException("task model " + taskDir + " has no '" + ModelContract.SIGNATURE
                        + "' signature with a '" + ModelContract.FEATURE + "' input");
            }
            features = tensor(g, taskDir, signature.getInputsMap().get(ModelContract.FEATURE).getName());
            logits = tensor(g, taskDir, heatmapLogits);
            boxes = tensor(g, taskDir, boxMap);
            Ops tf = Ops.create(g).withSubScope("dff_task_loss");
            ownLogits = tf.withName("own_logits").placeholder(TFloat32.class);
            ownBoxes = tf.withName("own_boxes").placeholder(TFloat32.class);
            var all = tf.constant(new int[] {0, 1, 2, 3});
            Operand<TFloat32> pOwn = tf.math.sigmoid(ownLogits);
            Operand<TFloat32> diff = tf.math.sub(tf.math.sigmoid(logits), pOwn);
            Operand<TFloat32> heat = tf.reduceSum(tf.math.mul(diff, diff), all);
            Operand<TFloat32> m = tf.max(pOwn, tf.constant(3), Max.keepDims(true));
            Operand<TFloat32> box = tf.reduceSum(tf.math.mul(m, tf.math.abs(tf.math.sub(boxes, ownBoxes))), all);
            Operand<TFloat32> n = tf.math.add(tf.reduceSum(m, all), tf.constant(1f));
            loss = tf.math.div(tf.math.add(heat, tf.math.mul(tf.constant(BOX_WEIGHT), box)), n);
            gradient = g.addGradients(loss.asOutput(), new Output<?>[] {features})[0];
        } catch (RuntimeException e) {
            head.close();
            throw e;
        }
    }

    private static Output<TFloat32> tensor(Graph g, Path dir, String name) {
        int colon = name.lastIndexOf(':');
        String op = colon < 0 ? name : name.substring(0, colon);
        int index = colon < 0 ? 0 : Integer.parseInt(name.substring(colon + 1));
        GraphOperation o = g.operation(op);
        if (o == null || index >= o.numOutputs()) {
            throw new IllegalArgumentException("task model " + dir + " has no tensor '" + name + "'");
        }
        if (o.output(index).dataType() != DataType.DT_FLOAT) {
            throw new IllegalArgumentException("task tensor '" + name + "' in " + dir + " is not float");
        }
        return o.<TFloat32>output(index);
    }

    /** The loss of propagated features against the current frame's own, and its gradient. */
    public Value evaluate(TFloat32 propagated, TFloat32 own) {
        try (Result target = head.session().runner().feed(features, own).fetch(logits).fetch(boxes).run();
                Result r = head.session().runner().feed(features, propagated)
                        .feed(ownLogits, (TFloat32) target.get(0)).feed(ownBoxes, (TFloat32) target.get(1))
                        .fetch(loss).fetch(gradient).run()) {
            double l = ((TFloat32) r.get(0)).getFloat();
            // the result closes what it holds: the gradient is copied out into a tensor of its own
            TFloat32 g = (TFloat32) r.get(1);
            TFloat32 copy = TFloat32.tensorOf(g.shape());
            g.copyTo(copy);
            return new Value(l, copy);
        }
    }

    @Override
    public void close() {
        head.close();
    }
}
