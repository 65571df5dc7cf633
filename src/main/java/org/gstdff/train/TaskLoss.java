package org.gstdff.train;

import java.nio.file.Path;

import org.gstdff.model.ModelContract;
import org.gstdff.model.ModelManifest;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
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
 * For a feature-split set the head is the set's own task SavedModel, loaded here a second time and frozen; the loss
 * and its gradient with respect to the propagated features are computed in that graph. For a set whose feature map
 * is the head's output ({@link #forSet}) the loss reads the map's own class and box channels: it is a loss on the
 * warped map itself. Either way the flow network's graph takes the gradient and continues the chain rule to its
 * parameters (see {@link FlowTrainer}).
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

    private final AutoCloseable owner; // the loaded head, or the graph and session built here
    private final Session session;
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
        SavedModelBundle head = SavedModelBundle.load(taskDir.toString(), ModelContract.TAG);
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
            loss = loss(tf, logits, boxes, ownLogits, ownBoxes);
            gradient = g.addGradients(loss.asOutput(), new Output<?>[] {features})[0];
        } catch (RuntimeException e) {
            head.close();
            throw e;
        }
        owner = head;
        session = head.session();
    }

    /** On a head map: class logits are its first {@code classes} channels, the box map the 4 at {@code boxChannel}. */
    private TaskLoss(ModelManifest m) {
        Graph g = new Graph();
        try {
            Ops tf = Ops.create(g).withSubScope("dff_task_loss");
            Placeholder<TFloat32> map = tf.withName("head_map").placeholder(TFloat32.class,
                    Placeholder.shape(org.tensorflow.ndarray.Shape.of(1, m.featureHeight(), m.featureWidth(),
                            m.featureChannels())));
            features = map.output();
            logits = tf.withName("logits").slice(map, tf.constant(new int[] {0, 0, 0, 0}),
                    tf.constant(new int[] {-1, -1, -1, m.labels().size()})).output();
            boxes = tf.withName("boxes").slice(map, tf.constant(new int[] {0, 0, 0, m.decode().boxChannel()}),
                    tf.constant(new int[] {-1, -1, -1, 4})).output();
            ownLogits = tf.withName("own_logits").placeholder(TFloat32.class);
            ownBoxes = tf.withName("own_boxes").placeholder(TFloat32.class);
            loss = loss(tf, logits, boxes, ownLogits, ownBoxes);
            gradient = g.addGradients(loss.asOutput(), new Output<?>[] {features})[0];
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
        Session s = new Session(g);
        session = s;
        owner = () -> {
            s.close();
            g.close();
        };
    }

    /**
     * The task loss for a set: on its map directly when the map is a detection head's output, otherwise through its
     * task graph's tensors {@code heatmapLogits} and {@code boxMap}.
     */
    public static TaskLoss forSet(Path setDir, String heatmapLogits, String boxMap) {
        ModelManifest m = ModelManifest.read(setDir);
        return m.isHeadMap() ? new TaskLoss(m) : new TaskLoss(setDir, heatmapLogits, boxMap);
    }

    private static Operand<TFloat32> loss(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> boxes,
            Operand<TFloat32> ownLogits, Operand<TFloat32> ownBoxes) {
        return onProbabilities(tf, tf.math.sigmoid(logits), boxes, tf.math.sigmoid(ownLogits), ownBoxes);
    }

    /** The loss above on class probabilities rather than logits (batch 1: all axes are summed). */
    static Operand<TFloat32> onProbabilities(Ops tf, Operand<TFloat32> p, Operand<TFloat32> boxes,
            Operand<TFloat32> pOwn, Operand<TFloat32> ownBoxes) {
        var all = tf.constant(new int[] {0, 1, 2, 3});
        Operand<TFloat32> diff = tf.math.sub(p, pOwn);
        Operand<TFloat32> heat = tf.reduceSum(tf.math.mul(diff, diff), all);
        Operand<TFloat32> m = tf.max(pOwn, tf.constant(3), Max.keepDims(true));
        Operand<TFloat32> box = tf.reduceSum(tf.math.mul(m, tf.math.abs(tf.math.sub(boxes, ownBoxes))), all);
        Operand<TFloat32> n = tf.math.add(tf.reduceSum(m, all), tf.constant(1f));
        return tf.math.div(tf.math.add(heat, tf.math.mul(tf.constant(BOX_WEIGHT), box)), n);
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
        try (Result target = session.runner().feed(features, own).fetch(logits).fetch(boxes).run();
                Result r = session.runner().feed(features, propagated)
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
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the task loss: " + e, e);
        }
    }
}
