package org.gstdff.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gstdff.core.LucasKanade;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FrameImage;
import org.gstdff.model.FeatureWarp;
import org.gstdff.model.GraphLayers;
import org.gstdff.model.TfTensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The flow network's training graph and its optimizer: the network ({@link FlowNetwork}) between two image inputs,
 * the warp of the key features by its flow, the loss terms (EPE to a teacher or known flow, per-cell weighted; L1 of
 * warped against own features; the task term, whose gradient comes from the head's graph; the unsupervised terms of
 * {@link UnsupervisedLoss} on the flow both ways; with a chain length, {@link ChainLoss}'s EPE of the flow composed
 * over consecutive frames), and Adam over every parameter (updates that see no features leave
 * the scale field alone). {@link FlowTrainer} decides what to feed; this class
 * owns the graph, the session and Adam's step.
 */
final class TrainingGraph implements AutoCloseable {

    private final FlowNetwork.Config config;
    private final Graph graph = new Graph();
    private final Session session;
    private final Map<String, Variable<TFloat32>> params = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final List<Op> updates = new ArrayList<>();
    private final List<Op> epeUpdates = new ArrayList<>(); // EPE alone: no feature inputs needed
    private final List<Op> flowUpdates = new ArrayList<>(); // weighted EPE and unsupervised terms: images only
    private final List<Op> chainUpdates = new ArrayList<>(); // the chained EPE (ChainLoss), when built
    private final ChainLoss.Parts chain; // null without a chain length
    private final Placeholder<TUint8> image;
    private final Placeholder<TUint8> key;
    private final Placeholder<TFloat32> keyFeatures;
    private final Placeholder<TFloat32> curFeatures;
    private final Placeholder<TFloat32> teacherFlow;
    private final Placeholder<TFloat32> cellWeight;
    private final Placeholder<TFloat32> epeWeight;
    private final Placeholder<TFloat32> featWeight;
    private final Placeholder<TFloat32> taskGradient;
    private final Placeholder<TFloat32> taskWeight;
    private final Placeholder<TFloat32> photometricWeight;
    private final Placeholder<TFloat32> occlusionCheck;
    private final Placeholder<TFloat32> smoothnessWeight;
    private final Placeholder<TFloat32> lr;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Operand<TFloat32> clipLoss; // the EPE and feature terms, weighted
    private final Operand<TFloat32> epe;
    private final Operand<TFloat32> featLoss;
    private final Operand<TFloat32> warped;
    private final Operand<TFloat32> flowLoss; // weighted EPE, photometric and smoothness, weighted
    private final Operand<TFloat32> weightedEpe;
    private final Operand<TFloat32> photometric;
    private final Operand<TFloat32> smoothness;
    private int adamStep;
    private final TFloat32 zeroFlow;
    private final TFloat32 zeroGradient;
    private final TFloat32 uniformWeight; // every cell the same: the plain mean EPE

    private static TFloat32 filled(float value, long... shape) {
        float[] a = new float[Math.toIntExact(Shape.of(shape).size())];
        java.util.Arrays.fill(a, value);
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(a, false, false));
    }

    TrainingGraph(FlowNetwork.Config config, long seed, FlowNetwork.Params start) {
        this(config, seed, start, 0, 0f, null);
    }

    /**
     * @param start       where the parameters start (a network trained before), or null for a fresh, seeded
     *                    initialisation
     * @param chainLength the links of {@link #chainStep}'s chains, or 0 for none (the chain's graph is then not built)
     * @param chainTaskWeight the weight of the chain's task term ({@link ChainLoss}), or 0 for none
     * @param chainRefine the Lucas-Kanade steps each link of the chain is refined by before it is composed, or null
     */
    TrainingGraph(FlowNetwork.Config config, long seed, FlowNetwork.Params start, int chainLength,
            float chainTaskWeight, LucasKanade.Settings chainRefine) {
        this.config = config;
        Ops tf = Ops.create(graph);
        Random rnd = new Random(seed);
        image = GraphLayers.imageInput(tf, "image");
        key = GraphLayers.imageInput(tf, "key_image");
        keyFeatures = tf.withName("key_features").placeholder(TFloat32.class);
        curFeatures = tf.withName("cur_features").placeholder(TFloat32.class);
        teacherFlow = tf.withName("teacher_flow").placeholder(TFloat32.class);
        epeWeight = tf.withName("w_epe").placeholder(TFloat32.class);
        featWeight = tf.withName("w_feat").placeholder(TFloat32.class);
        taskGradient = tf.withName("task_gradient").placeholder(TFloat32.class);
        taskWeight = tf.withName("w_task").placeholder(TFloat32.class);
        photometricWeight = tf.withName("w_photometric").placeholder(TFloat32.class);
        smoothnessWeight = tf.withName("w_smoothness").placeholder(TFloat32.class);
        occlusionCheck = tf.withName("occlusion_check").placeholder(TFloat32.class);
        lr = tf.withName("lr").placeholder(TFloat32.class);
        beta1Power = tf.withName("beta1_power").placeholder(TFloat32.class);
        beta2Power = tf.withName("beta2_power").placeholder(TFloat32.class);
        FlowNetwork.Params variables = (ops, name, init, shape) -> {
            Variable<TFloat32> existing = params.get(name);
            if (existing != null) {
                return existing; // the same name is the same parameter (a shared encoder)
            }
            Operand<TFloat32> initial = (start != null ? start : FlowModelWriter.initial(rnd.nextLong()))
                    .get(ops, name, init, shape);
            Variable<TFloat32> v = ops.withName(name).variable(initial);
            params.put(name, v);
            shapes.put(name, shape);
            return v;
        };
        FlowNetwork.Outputs out = FlowNetwork.build(tf, image, key, config, variables);
        warped = FeatureWarp.warp(tf, keyFeatures, out.flow(), out.scale());
        featLoss = tf.math.mean(tf.math.abs(tf.math.sub(warped, curFeatures)), tf.constant(new int[] {0, 1, 2, 3}));
        Operand<TFloat32> norm = endPointError(tf, out.flow(), teacherFlow);
        epe = tf.math.mean(norm, tf.constant(new int[] {0, 1, 2}));
        // synthetic pairs: each object's cells weigh the same in total, so small fast objects are not outvoted by
        // the background and large pieces (cellWeight all ones: the plain mean)
        cellWeight = tf.withName("cell_weight").placeholder(TFloat32.class);
        weightedEpe = tf.math.mean(tf.math.mul(norm, cellWeight), tf.constant(new int[] {0, 1, 2}));
        // the task term: its gradient with respect to the warped features comes from the head's own graph
        // (TaskLoss); sum(warped * gradient) has exactly that gradient, so the chain rule continues here
        Operand<TFloat32> taskTerm = tf.math.mul(taskWeight, tf.reduceSum(tf.math.mul(warped, taskGradient),
                tf.constant(new int[] {0, 1, 2, 3})));
        clipLoss = tf.math.add(tf.math.mul(epeWeight, epe), tf.math.mul(featWeight, featLoss));
        // what the gradients are of; the task term's value means nothing (clipLoss + the task loss is reported)
        Operand<TFloat32> loss = tf.math.add(clipLoss, taskTerm);
        // the unsupervised terms: the same network (same variables) also run key -> current, for the occlusion check
        // and a second photometric term
        FlowNetwork.Outputs back = FlowNetwork.build(tf, key, image, config, variables);
        // the photometric term sees the frames at PHOTOMETRIC_SCALE times the grid, as a walker moves well under a
        // grid cell between frames: on consecutive frames of two training clips zero flow's census loss is within 2%
        // of DIS MEDIUM's at the grid's size, 6-8% above it at twice the size; smoothness stays at the grid's size
        int ps = PHOTOMETRIC_SCALE;
        Operand<TFloat32> fwdFine = finer(tf, out.flow(), ps);
        Operand<TFloat32> bwdFine = finer(tf, back.flow(), ps);
        Operand<TFloat32> curGrey = UnsupervisedLoss.grey(tf, GraphLayers.normalisedInput(tf, image,
                config.gridWidth() * ps, config.gridHeight() * ps));
        Operand<TFloat32> keyGrey = UnsupervisedLoss.grey(tf, GraphLayers.normalisedInput(tf, key,
                config.gridWidth() * ps, config.gridHeight() * ps));
        Operand<TFloat32> half = tf.constant(0.5f);
        photometric = tf.math.mul(half, tf.math.add(
                UnsupervisedLoss.photometric(tf, curGrey, keyGrey, fwdFine,
                        UnsupervisedLoss.visible(tf, fwdFine, bwdFine, occlusionCheck)),
                UnsupervisedLoss.photometric(tf, keyGrey, curGrey, bwdFine,
                        UnsupervisedLoss.visible(tf, bwdFine, fwdFine, occlusionCheck))));
        Operand<TFloat32> curRgb = GraphLayers.normalisedInput(tf, image, config.gridWidth(), config.gridHeight());
        Operand<TFloat32> keyRgb = GraphLayers.normalisedInput(tf, key, config.gridWidth(), config.gridHeight());
        smoothness = tf.math.mul(half, tf.math.add(UnsupervisedLoss.smoothness(tf, out.flow(), curRgb),
                UnsupervisedLoss.smoothness(tf, back.flow(), keyRgb)));
        flowLoss = tf.math.add(tf.math.mul(epeWeight, weightedEpe), tf.math.add(
                tf.math.mul(photometricWeight, photometric), tf.math.mul(smoothnessWeight, smoothness)));
        chain = chainLength > 0 ? ChainLoss.build(tf, chainLength, config, variables, chainTaskWeight,
                chainRefine) : null;
        List<Variable<TFloat32>> vars = new ArrayList<>(params.values());
        Output<?>[] xs = new Output<?>[vars.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = vars.get(i).asOutput();
        }
        Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);
        // the scale field does not reach the EPE: it is left out of the EPE-only updates
        List<String> flowNames = params.keySet().stream().filter(n -> !n.startsWith("scale_")).toList();
        Output<?>[] flowXs = flowNames.stream().map(n -> params.get(n).asOutput()).toArray(Output<?>[]::new);
        Output<?>[] epeGradList = graph.addGradients(weightedEpe.asOutput(), flowXs);
        Output<?>[] flowGradList = graph.addGradients(flowLoss.asOutput(), flowXs);
        Output<?>[] chainGradList = chain != null ? graph.addGradients(chain.loss().asOutput(), flowXs) : null;
        Map<String, Output<?>> chainGrads = new LinkedHashMap<>();
        Map<String, Output<?>> epeGrads = new LinkedHashMap<>();
        Map<String, Output<?>> flowGrads = new LinkedHashMap<>();
        for (int k = 0; k < flowNames.size(); k++) {
            epeGrads.put(flowNames.get(k), epeGradList[k]);
            flowGrads.put(flowNames.get(k), flowGradList[k]);
            if (chainGradList != null) {
                chainGrads.put(flowNames.get(k), chainGradList[k]);
            }
        }
        int i = 0;
        for (Map.Entry<String, Variable<TFloat32>> e : params.entrySet()) {
            long[] shape = shapes.get(e.getKey());
            // Adam's slots: flat names (nested scopes clash with the variables' own names)
            Variable<TFloat32> m = tf.withName(e.getKey() + "_adam_m").variable(GraphLayers.filled(tf, 0f, shape));
            Variable<TFloat32> v = tf.withName(e.getKey() + "_adam_v").variable(GraphLayers.filled(tf, 0f, shape));
            @SuppressWarnings("unchecked")
            Operand<TFloat32> g = (Operand<TFloat32>) grads[i++];
            updates.add(tf.train.applyAdam(e.getValue(), m, v, beta1Power, beta2Power, lr, tf.constant(0.9f),
                    tf.constant(0.999f), tf.constant(1e-8f), g));
            if (epeGrads.containsKey(e.getKey())) {
                @SuppressWarnings("unchecked")
                Operand<TFloat32> ge = (Operand<TFloat32>) epeGrads.get(e.getKey());
                epeUpdates.add(tf.train.applyAdam(e.getValue(), m, v, beta1Power, beta2Power, lr, tf.constant(0.9f),
                        tf.constant(0.999f), tf.constant(1e-8f), ge));
                @SuppressWarnings("unchecked")
                Operand<TFloat32> gf = (Operand<TFloat32>) flowGrads.get(e.getKey());
                flowUpdates.add(tf.train.applyAdam(e.getValue(), m, v, beta1Power, beta2Power, lr, tf.constant(0.9f),
                        tf.constant(0.999f), tf.constant(1e-8f), gf));
            }
            if (chainGrads.containsKey(e.getKey())) {
                @SuppressWarnings("unchecked")
                Operand<TFloat32> gc = (Operand<TFloat32>) chainGrads.get(e.getKey());
                chainUpdates.add(tf.train.applyAdam(e.getValue(), m, v, beta1Power, beta2Power, lr, tf.constant(0.9f),
                        tf.constant(0.999f), tf.constant(1e-8f), gc));
            }
        }
        session = new Session(graph);
        session.initialize();
        // fed where a term's weight is 0 (0 * an uninitialised tensor may be NaN)
        zeroFlow = filled(0f, 1, config.gridHeight(), config.gridWidth(), 2);
        zeroGradient = filled(0f, 1, config.gridHeight(), config.gridWidth(), config.channels());
        uniformWeight = filled(1f, 1, config.gridHeight(), config.gridWidth());
    }

    /**
     * One Adam step on the EPE to a known flow alone (synthetic pairs); returns the EPE before the step.
     *
     * @param weight per-cell weights, or null for the plain mean
     */
    double epeStep(FrameImage cur, FrameImage keyImage, TFloat32 truth, TFloat32 weight, float rate) {
        return adamStep(rate, epeUpdates, r -> r.feed(image, TfTensors.image(cur)).feed(key, TfTensors.image(keyImage))
                .feed(teacherFlow, truth).feed(cellWeight, weight != null ? weight : uniformWeight), epe)[0];
    }

    /**
     * One Adam step on a pair of frames with the terms that need no features: the EPE to a teacher's flow weighted
     * per cell, the photometric and the smoothness terms; returns the weighted sum, the weighted EPE, the photometric
     * and the smoothness terms, before the step.
     *
     * @param teacher the teacher's flow, or null where the EPE weight is 0
     * @param weight  per-cell weights of the EPE (a teacher's own visibility mask), or null for the plain mean
     * @param checkOcclusion whether the photometric term leaves out the pixels the forward-backward check fails
     */
    double[] flowStep(FrameImage cur, FrameImage keyImage, TFloat32 teacher, TFloat32 weight, float epeW,
            float photometricW, float smoothnessW, boolean checkOcclusion, float rate) {
        try (TFloat32 we = TFloat32.scalarOf(epeW);
                TFloat32 wp = TFloat32.scalarOf(photometricW);
                TFloat32 ws = TFloat32.scalarOf(smoothnessW);
                TFloat32 check = TFloat32.scalarOf(checkOcclusion ? 1f : 0f)) {
            return adamStep(rate, flowUpdates, r -> r.feed(image, TfTensors.image(cur))
                    .feed(key, TfTensors.image(keyImage)).feed(teacherFlow, teacher != null ? teacher : zeroFlow)
                    .feed(cellWeight, weight != null ? weight : uniformWeight)
                    .feed(epeWeight, we).feed(photometricWeight, wp).feed(smoothnessWeight, ws)
                    .feed(occlusionCheck, check), flowLoss, weightedEpe, photometric, smoothness);
        }
    }

    /**
     * One Adam step on the chain's loss ({@link ChainLoss}); returns its chained EPE, its task term (NaN without
     * one) and the loss (their weighted sum), before the step.
     *
     * @param frames  uint8 [n+1,H,W,3], consecutive frames, the key frame first
     * @param teacher float [n,h,w,2], the teacher's flows from frames 1..n back to the key frame
     * @param weight  float [n,h,w], their per-cell weights
     * @param heads   float [n+1,h,w,5], the head targets of the frames ({@link HeadTargets}), or null without a task
     *                term
     */
    double[] chainStep(TUint8 frames, TFloat32 teacher, TFloat32 weight, TFloat32 heads, float rate) {
        if (chain == null) {
            throw new IllegalStateException("this training graph was built without a chain (chain length 0)");
        }
        if ((heads != null) != chainHasTask()) {
            throw new IllegalArgumentException(chainHasTask() ? "the chain's task term needs the frames' head maps"
                    : "head maps given to a chain built without a task term");
        }
        if (heads == null) {
            double epe = adamStep(rate, chainUpdates, r -> r.feed(chain.frames(), frames)
                    .feed(chain.teacher(), teacher).feed(chain.weight(), weight), chain.epe())[0];
            return new double[] {epe, Double.NaN, epe};
        }
        double[] l = adamStep(rate, chainUpdates, r -> r.feed(chain.frames(), frames).feed(chain.teacher(), teacher)
                .feed(chain.weight(), weight).feed(chain.heads(), heads), chain.loss(), chain.epe(), chain.task());
        return new double[] {l[1], l[2], l[0]};
    }

    /** The links of {@link #chainStep}'s chains; 0 when the graph has none. */
    int chainLength() {
        return chain == null ? 0 : chain.length();
    }

    /** Whether the chain's loss has the task term. */
    boolean chainHasTask() {
        return chain != null && chain.heads() != null;
    }

    /**
     * One Adam step on a clip pair with the weighted terms; returns the EPE and feature terms weighted, the EPE and
     * the feature L1, before the step.
     *
     * @param teacher      the teacher's flow, or null where the EPE weight is 0
     * @param taskGradient the task loss's gradient with respect to the warped features, or null where its weight is 0
     */
    double[] clipStep(FrameImage cur, FrameImage keyImage, FeatureMap keyMap, FeatureMap curMap, TFloat32 teacher,
            TFloat32 taskGradient, float epeW, float featureW, float taskW, float rate) {
        try (TFloat32 we = TFloat32.scalarOf(epeW);
                TFloat32 wf = TFloat32.scalarOf(featureW);
                TFloat32 wt = TFloat32.scalarOf(taskW)) {
            return adamStep(rate, updates, r -> r.feed(image, TfTensors.image(cur))
                    .feed(key, TfTensors.image(keyImage))
                    .feed(keyFeatures, TfTensors.features(keyMap)).feed(curFeatures, TfTensors.features(curMap))
                    .feed(teacherFlow, teacher != null ? teacher : zeroFlow)
                    .feed(this.taskGradient, taskGradient != null ? taskGradient : zeroGradient)
                    .feed(epeWeight, we).feed(featWeight, wf).feed(taskWeight, wt), clipLoss, epe, featLoss);
        }
    }

    /**
     * One Adam step: the caller's feeds, Adam's learning rate and bias corrections, the {@code targets} (one of the
     * update lists) run; returns the {@code fetches} (scalars) as they were before the step.
     */
    private double[] adamStep(float rate, List<Op> targets, java.util.function.Consumer<Session.Runner> feeds,
            Operand<?>... fetches) {
        adamStep++;
        try (TFloat32 lrT = TFloat32.scalarOf(rate);
                TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(0.9, adamStep));
                TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(0.999, adamStep))) {
            Session.Runner r = session.runner().feed(lr, lrT).feed(beta1Power, b1).feed(beta2Power, b2);
            feeds.accept(r);
            for (Operand<?> f : fetches) {
                r.fetch(f);
            }
            targets.forEach(r::addTarget);
            try (Result res = r.run()) {
                double[] out = new double[fetches.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = scalar(res, i);
                }
                return out;
            }
        }
    }

    /** The key features warped by the current flow (one result: close it). */
    Result warp(FrameImage cur, FrameImage keyImage, FeatureMap keyMap) {
        return session.runner().feed(image, TfTensors.image(cur)).feed(key, TfTensors.image(keyImage))
                .feed(keyFeatures, TfTensors.features(keyMap)).fetch(warped).run();
    }

    /**
     * Per-cell end-point error [n,h,w] between two [n,h,w,2] flows (the epsilon keeps the square root's gradient
     * finite where they agree).
     */
    static Operand<TFloat32> endPointError(Ops tf, Operand<TFloat32> flow, Operand<TFloat32> target) {
        Operand<TFloat32> d = tf.math.sub(flow, target);
        return tf.math.sqrt(tf.math.add(tf.reduceSum(tf.math.mul(d, d), tf.constant(3)), tf.constant(1e-6f)));
    }

    /** How many times the grid's size the photometric term sees the frames at. */
    static final int PHOTOMETRIC_SCALE = 2;

    /** A flow in grid pixels as a flow at {@code scale} times the grid: resized, and its vectors scaled. */
    private Operand<TFloat32> finer(Ops tf, Operand<TFloat32> flow, int scale) {
        if (scale == 1) {
            return flow;
        }
        return tf.math.mul(tf.image.resizeBilinear(flow, tf.constant(new int[] {config.gridHeight() * scale,
            config.gridWidth() * scale})), tf.constant((float) scale));
    }

    private static double scalar(Result r, int i) {
        return ((TFloat32) r.get(i)).getFloat();
    }

    /** The current parameters by name. */
    Map<String, float[]> values() {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Variable<TFloat32>> e : params.entrySet()) {
            try (Result r = session.runner().fetch(e.getValue()).run()) {
                values.put(e.getKey(), TfTensors.read((TFloat32) r.get(0)));
            }
        }
        return values;
    }

    /** Sets every parameter to the given values (by name, each of its parameter's size). */
    void assign(Map<String, float[]> values) {
        Ops tf = Ops.create(graph);
        Session.Runner runner = session.runner();
        List<TFloat32> fed = new ArrayList<>();
        try {
            for (Map.Entry<String, Variable<TFloat32>> e : params.entrySet()) {
                float[] v = values.get(e.getKey());
                Shape shape = Shape.of(shapes.get(e.getKey()));
                if (v == null || v.length != shape.size()) {
                    throw new IllegalArgumentException("parameter '" + e.getKey() + "' needs " + shape.size()
                            + " values, got " + (v == null ? "none" : v.length));
                }
                Placeholder<TFloat32> in = tf.placeholder(TFloat32.class);
                TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(v, false, false));
                fed.add(t);
                runner.feed(in, t).addTarget(tf.assign(e.getValue(), in));
            }
            runner.run();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    FlowNetwork.Config config() {
        return config;
    }

    @Override
    public void close() {
        zeroFlow.close();
        zeroGradient.close();
        uniformWeight.close();
        session.close();
        graph.close();
    }
}
