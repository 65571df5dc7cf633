package org.gstdff.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.gstdff.core.Frame;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;
import org.gstdff.model.DisFlowNet;
import org.gstdff.model.FeatureWarp;
import org.gstdff.model.GraphLayers;
import org.gstdff.model.TfModelSet;
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
 * Trains the {@link FlowNetwork} of a model set, in phases. A synthetic phase learns the known flow of
 * {@link SyntheticPairs} (end-point error). The other phases take frame pairs from training clips: a key frame k and
 * a current frame k + d (d in 1..l, as in the paper), and minimise
 * <pre>
 *   w_epe * EPE(F(current, key), DIS flow)  +  w_feat * mean |W(N_feat(key), F) * S - N_feat(current)|
 *     +  w_task * TaskLoss(N_task(W(N_feat(key), F) * S), N_task(N_feat(current)))
 * </pre>
 * with the set's feature network and head frozen: OpenCV DIS flow pooled to the feature grid as a flow teacher, the
 * current frame's own features, and the head's own outputs on them (the task-driven term, {@link TaskLoss}, what
 * DFF fine-tunes for). Adam, batch 1, a constant learning rate (or decaying over each phase,
 * {@link #withCosineDecay}).
 */
public final class FlowTrainer implements AutoCloseable {

    /** The size training frames (clips and synthetic pairs) are read at: a vtest walker moves ~2 px a frame there. */
    public static final int FRAME_WIDTH = 384;
    public static final int FRAME_HEIGHT = 288;

    static {
        org.gstdff.model.TensorFlowNatives.load(); // quietly, before any TensorFlow class needs the library
    }

    /**
     * One phase of training: steps and the weights of the three loss terms; a synthetic phase learns EPE to the
     * known flow of {@link SyntheticPairs} (no teacher, no features), the others use the clips.
     */
    public record Phase(String name, int steps, float epeWeight, float featureWeight, float taskWeight,
            boolean synthetic, boolean anchored) {
        public Phase(String name, int steps, float epeWeight, float featureWeight) {
            this(name, steps, epeWeight, featureWeight, 0f, false, false);
        }

        /** EPE to the known flow of synthetic pairs. */
        public static Phase synthetic(String name, int steps) {
            return new Phase(name, steps, 1f, 0f, 0f, true, false);
        }

        /**
         * The task loss ({@link TaskLoss}: the frozen head as teacher) on the clips; {@code anchored}: each clip
         * step is followed by a synthetic EPE step, so the flow keeps what it learned there.
         */
        public static Phase task(String name, int steps, boolean anchored) {
            return new Phase(name, steps, 0f, 0f, 1f, false, anchored);
        }

        /** The steps the phase reports: its own, and as many anchor steps when anchored. */
        public int reportedSteps() {
            return anchored ? 2 * steps : steps;
        }

        /** The name its anchor steps report under. */
        public String anchorName() {
            return name + "-anchor";
        }
    }

    /** What one step reports. */
    public record Step(String phase, int step, int totalSteps, double loss, double epe, double featureLoss,
            double taskLoss, double seconds) {
    }

    /** A clip's frames, packed RGB. */
    public record Clip(String name, int width, int height, List<byte[]> frames) {
    }

    private final TfModelSet set;
    private final DisFlowNet teacher;
    private final FlowNetwork.Config config;
    private final Graph graph = new Graph();
    private final Session session;
    private final Map<String, Variable<TFloat32>> params = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final List<Op> updates = new ArrayList<>();
    private final List<Op> epeUpdates = new ArrayList<>(); // EPE alone: no feature inputs needed
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
    private final Placeholder<TFloat32> lr;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Operand<TFloat32> clipLoss; // the EPE and feature terms, weighted
    private final Operand<TFloat32> epe;
    private final Operand<TFloat32> featLoss;
    private final Operand<TFloat32> warped;
    private int adamStep;
    private final TFloat32 zeroFlow;
    private final TFloat32 zeroGradient;
    private final TFloat32 uniformWeight; // every cell the same: the plain mean EPE

    private static TFloat32 filled(float value, long... shape) {
        float[] a = new float[Math.toIntExact(Shape.of(shape).size())];
        java.util.Arrays.fill(a, value);
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(a, false, false));
    }

    public FlowTrainer(TfModelSet set, FlowNetwork.Config config, long seed) {
        this(set, config, seed, null);
    }

    /**
     * @param start where the parameters start ({@link FlowModelWriter#read}: a network trained before), or null for
     *              a fresh, seeded initialisation
     */
    public FlowTrainer(TfModelSet set, FlowNetwork.Config config, long seed, FlowNetwork.Params start) {
        this.set = set;
        this.config = config;
        this.teacher = set.disFlowNet(DisFlowNet.Settings.REFERENCE);
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
        Operand<TFloat32> d = tf.math.sub(out.flow(), teacherFlow);
        Operand<TFloat32> norm = tf.math.sqrt(tf.math.add(tf.reduceSum(tf.math.mul(d, d), tf.constant(3)),
                tf.constant(1e-6f)));
        epe = tf.math.mean(norm, tf.constant(new int[] {0, 1, 2}));
        // synthetic pairs: each object's cells weigh the same in total, so small fast objects are not outvoted by
        // the background and large pieces (cellWeight all ones: the plain mean)
        cellWeight = tf.withName("cell_weight").placeholder(TFloat32.class);
        Operand<TFloat32> weightedEpe = tf.math.mean(tf.math.mul(norm, cellWeight), tf.constant(new int[] {0, 1, 2}));
        // the task term: its gradient with respect to the warped features comes from the head's own graph
        // (TaskLoss); sum(warped * gradient) has exactly that gradient, so the chain rule continues here
        Operand<TFloat32> taskTerm = tf.math.mul(taskWeight, tf.reduceSum(tf.math.mul(warped, taskGradient),
                tf.constant(new int[] {0, 1, 2, 3})));
        clipLoss = tf.math.add(tf.math.mul(epeWeight, epe), tf.math.mul(featWeight, featLoss));
        // what the gradients are of; the task term's value means nothing (clipLoss + the task loss is reported)
        Operand<TFloat32> loss = tf.math.add(clipLoss, taskTerm);
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
        Map<String, Output<?>> epeGrads = new LinkedHashMap<>();
        for (int k = 0; k < flowNames.size(); k++) {
            epeGrads.put(flowNames.get(k), epeGradList[k]);
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
     * Runs the phases over the clips; {@code report} gets every step.
     *
     * @param maxOffset the largest key-to-current distance d (the key interval trained for)
     */
    public void train(List<Clip> clips, List<Phase> phases, int maxOffset, float learningRate, long seed,
            Consumer<Step> report) {
        Random rnd = new Random(seed);
        int total = phases.stream().mapToInt(Phase::reportedSteps).sum();
        int done = 0;
        long t0 = System.nanoTime();
        for (Phase phase : phases) {
            int s = 0;
            if (phase.steps() == 0) {
                continue;
            }
            if (phase.synthetic()) {
                done = syntheticPhase(phase, learningRate, done, total, t0, report);
                continue;
            }
            // a pair needs a key frame and a later one: clips shorter than that give none
            List<Clip> usable = clips.stream().filter(c -> c.frames().size() >= 2).toList();
            if (usable.isEmpty()) {
                throw new IllegalArgumentException("phase '" + phase.name() + "' trains on clip pairs, but none of "
                        + "the " + clips.size() + " clips has 2 frames or more: " + clips.stream().map(c -> c.name()
                                + " (" + c.frames().size() + ")").toList());
            }
            while (s < phase.steps()) {
                Clip clip = usable.get(rnd.nextInt(usable.size()));
                int n = clip.frames().size();
                int k = rnd.nextInt(n - 1);
                // a few current frames per key frame: the key's features are computed once for them
                try (FrameImage keyImage = ingest(clip, k);
                        FeatureMap keyMap = set.feature().extract(keyImage)) {
                    for (int rep = 0; rep < 4 && s < phase.steps(); rep++) {
                        int c = Math.min(n - 1, k + 1 + rnd.nextInt(maxOffset));
                        float r = rate(learningRate, s, phase.steps());
                        double[] l = step(clip, c, keyImage, keyMap, phase, r);
                        s++;
                        done++;
                        report.accept(new Step(phase.name(), done, total, l[0], l[1], l[2], l[3],
                                (System.nanoTime() - t0) / 1e9));
                        if (phase.anchored()) {
                            if (synthetic == null) {
                                throw new IllegalStateException("phase '" + phase.name()
                                        + "' is anchored on synthetic pairs, but there are none");
                            }
                            double e = syntheticStep(synthetic.get(), r);
                            done++;
                            report.accept(new Step(phase.anchorName(), done, total, e, e, Double.NaN,
                                    Double.NaN, (System.nanoTime() - t0) / 1e9));
                        }
                    }
                }
            }
        }
    }

    /** A synthetic phase's steps; returns the number of steps done so far in the whole run. */
    private int syntheticPhase(Phase phase, float learningRate, int done, int total, long t0, Consumer<Step> report) {
        if (synthetic == null) {
            throw new IllegalStateException("phase '" + phase.name() + "' needs synthetic pairs");
        }
        // the next pair is drawn on another thread while TensorFlow trains on this one (same order, same pairs: one
        // thread draws them all)
        ExecutorService drawer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "synthetic-pairs");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<SyntheticPairs.Pair> next = drawer.submit(synthetic::get);
            for (int s = 0; s < phase.steps(); s++) {
                SyntheticPairs.Pair pair = next.get();
                next = drawer.submit(synthetic::get);
                double e = syntheticStep(pair, rate(learningRate, s, phase.steps()));
                done++;
                report.accept(new Step(phase.name(), done, total, e, e, Double.NaN, Double.NaN,
                        (System.nanoTime() - t0) / 1e9));
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drawing synthetic pairs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("drawing a synthetic pair failed: " + e.getCause(), e.getCause());
        } finally {
            drawer.shutdownNow();
        }
    }

    private boolean cosineDecay;

    /**
     * Decays the learning rate over each phase ({@link #cosine}) instead of keeping it constant. Measured on vtest
     * it fits the synthetic pairs better and transfers worse (docs/ABLATION.md), so it is off by default.
     */
    public FlowTrainer withCosineDecay(boolean on) {
        this.cosineDecay = on;
        return this;
    }

    private float rate(float base, int s, int n) {
        return cosineDecay ? cosine(base, s, n) : base;
    }

    /**
     * The learning rate at step {@code s} of a phase of {@code n} under cosine decay: from {@code base} to 5% of it
     * over the phase.
     */
    static float cosine(float base, int s, int n) {
        double progress = n <= 1 ? 0 : (double) s / (n - 1);
        return (float) (base * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }

    private Supplier<SyntheticPairs.Pair> synthetic;
    private int syntheticWidth;
    private int syntheticHeight;

    private boolean balanceObjects;

    /**
     * The source of synthetic phases' pairs, whose frames are {@code width x height}.
     *
     * @param balanceObjects weigh the EPE so that each object (piece or background) counts the same in total
     *                       ({@link SyntheticPairs.Pair#objectWeight}); false: every cell the same
     */
    public FlowTrainer withSynthetic(Supplier<SyntheticPairs.Pair> pairs, int width, int height,
            boolean balanceObjects) {
        this.synthetic = pairs;
        this.syntheticWidth = width;
        this.syntheticHeight = height;
        this.balanceObjects = balanceObjects;
        return this;
    }

    private double syntheticStep(SyntheticPairs.Pair pair, float rate) {
        adamStep++;
        try (FrameImage cur = set.ingest().ingest(Frame.rgb(pair.current(), syntheticWidth, syntheticHeight));
                FrameImage keyImage = set.ingest().ingest(Frame.rgb(pair.key(), syntheticWidth, syntheticHeight));
                TFloat32 truth = TFloat32.tensorOf(Shape.of(1, config.gridHeight(), config.gridWidth(), 2),
                        DataBuffers.of(pair.flow(), false, false));
                TFloat32 weight = balanceObjects ? TFloat32.tensorOf(Shape.of(1, config.gridHeight(),
                        config.gridWidth()), DataBuffers.of(pair.objectWeight(), false, false)) : null;
                TFloat32 lrT = TFloat32.scalarOf(rate);
                TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(0.9, adamStep));
                TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(0.999, adamStep))) {
            Session.Runner r = session.runner().feed(image, TfTensors.image(cur)).feed(key, TfTensors.image(keyImage))
                    .feed(teacherFlow, truth).feed(cellWeight, weight != null ? weight : uniformWeight).feed(lr, lrT)
                    .feed(beta1Power, b1).feed(beta2Power, b2).fetch(epe);
            epeUpdates.forEach(r::addTarget);
            try (Result res = r.run()) {
                return scalar(res, 0);
            }
        }
    }

    private FrameImage ingest(Clip clip, int index) {
        return set.ingest().ingest(Frame.rgb(clip.frames().get(index), clip.width(), clip.height()));
    }

    private TaskLoss taskLoss;

    /** The head whose outputs task phases compare ({@link TaskLoss}); the trainer does not close it. */
    public FlowTrainer withTaskLoss(TaskLoss loss) {
        this.taskLoss = loss;
        return this;
    }

    /** One clip step: loss, EPE, feature L1 and task loss (NaN where the phase does not use it). */
    private double[] step(Clip clip, int c, FrameImage keyImage, FeatureMap keyMap, Phase phase, float rate) {
        if (phase.taskWeight() > 0 && taskLoss == null) {
            throw new IllegalStateException("phase '" + phase.name() + "' needs the task head (withTaskLoss)");
        }
        adamStep++;
        try (FrameImage cur = ingest(clip, c);
                FeatureMap curMap = set.feature().extract(cur);
                // DIS only where its term counts: it costs ~16 ms
                FlowField dis = phase.epeWeight() > 0 ? teacher.estimate(keyImage, cur) : null;
                TFloat32 disFlow = dis != null ? TfTensors.flow(dis) : null;
                TaskLoss.Value task = phase.taskWeight() > 0 ? taskValue(cur, keyImage, keyMap, curMap) : null;
                TFloat32 we = TFloat32.scalarOf(phase.epeWeight());
                TFloat32 wf = TFloat32.scalarOf(phase.featureWeight());
                TFloat32 wt = TFloat32.scalarOf(phase.taskWeight());
                TFloat32 lrT = TFloat32.scalarOf(rate);
                TFloat32 b1 = TFloat32.scalarOf((float) Math.pow(0.9, adamStep));
                TFloat32 b2 = TFloat32.scalarOf((float) Math.pow(0.999, adamStep))) {
            Session.Runner r = session.runner().feed(image, TfTensors.image(cur)).feed(key, TfTensors.image(keyImage))
                    .feed(keyFeatures, TfTensors.features(keyMap)).feed(curFeatures, TfTensors.features(curMap))
                    .feed(teacherFlow, disFlow != null ? disFlow : zeroFlow)
                    .feed(taskGradient, task != null ? task.gradient() : zeroGradient).feed(epeWeight, we)
                    .feed(featWeight, wf).feed(taskWeight, wt).feed(lr, lrT).feed(beta1Power, b1)
                    .feed(beta2Power, b2).fetch(clipLoss).fetch(epe).fetch(featLoss);
            updates.forEach(r::addTarget);
            try (Result res = r.run()) {
                double total = scalar(res, 0) + (task == null ? 0 : phase.taskWeight() * task.loss());
                return new double[] {total, dis == null ? Double.NaN : scalar(res, 1), scalar(res, 2),
                        task == null ? Double.NaN : task.loss()};
            }
        }
    }

    /** The task loss of the current flow on this pair: warp the key features, run the head on both. */
    private TaskLoss.Value taskValue(FrameImage cur, FrameImage keyImage, FeatureMap keyMap, FeatureMap curMap) {
        try (Result w = session.runner().feed(image, TfTensors.image(cur)).feed(key, TfTensors.image(keyImage))
                .feed(keyFeatures, TfTensors.features(keyMap)).fetch(warped).run()) {
            return taskLoss.evaluate((TFloat32) w.get(0), TfTensors.features(curMap));
        }
    }

    private static double scalar(Result r, int i) {
        return ((TFloat32) r.get(i)).getFloat();
    }

    /** The current parameters as constants: what {@link FlowModelWriter} exports. */
    public FlowNetwork.Params trainedParams() {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Variable<TFloat32>> e : params.entrySet()) {
            try (Result r = session.runner().fetch(e.getValue()).run()) {
                values.put(e.getKey(), TfTensors.read((TFloat32) r.get(0)));
            }
        }
        return FlowModelWriter.constants(values, "this trainer");
    }

    /** Exports the trained network as a flow SavedModel. */
    public void export(Path flowDir) throws IOException {
        FlowModelWriter.write(flowDir, config, trainedParams());
    }

    @Override
    public void close() {
        teacher.close();
        zeroFlow.close();
        zeroGradient.close();
        uniformWeight.close();
        session.close();
        graph.close();
    }
}
