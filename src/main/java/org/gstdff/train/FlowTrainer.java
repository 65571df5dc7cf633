package org.gstdff.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

import org.gstdff.core.FlowConsistency;
import org.gstdff.core.Frame;
import org.gstdff.core.LucasKanade;
import org.gstdff.core.MotionBalance;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.Mode;
import org.gstdff.model.DisFlowNet;
import org.gstdff.model.TfModelSet;
import org.gstdff.model.TfTensors;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
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
 * DFF fine-tunes for). Phases without the feature and task terms need no features at all: they may add the
 * unsupervised terms ({@link UnsupervisedLoss}: census photometric with occlusion masks, edge-aware smoothness), and
 * their DIS teacher counts only where DIS passes its own forward-backward check ({@link FlowConsistency}). Adam,
 * batch 1, a constant learning rate (or decaying over each phase, {@link #withCosineDecay}).
 */
public final class FlowTrainer implements AutoCloseable {

    /** The size training frames (clips and synthetic pairs) are read at: a vtest walker moves ~2 px a frame there. */
    public static final int FRAME_WIDTH = 384;
    public static final int FRAME_HEIGHT = 288;

    static {
        org.gstdff.model.TensorFlowNatives.load(); // quietly, before any TensorFlow class needs the library
    }

    /**
     * One phase of training: steps and the weights of the loss terms; a synthetic phase learns EPE to the known flow
     * of {@link SyntheticPairs} (no teacher, no features), the others use the clips.
     */
    public record Phase(String name, int steps, float epeWeight, float featureWeight, float taskWeight,
            float photometricWeight, float smoothnessWeight, boolean synthetic, boolean anchored) {
        public Phase(String name, int steps, float epeWeight, float featureWeight) {
            this(name, steps, epeWeight, featureWeight, 0f, 0f, 0f, false, false);
        }

        /** EPE to the known flow of synthetic pairs. */
        public static Phase synthetic(String name, int steps) {
            return new Phase(name, steps, 1f, 0f, 0f, 0f, 0f, true, false);
        }

        /**
         * The task loss ({@link TaskLoss}: the frozen head as teacher) on the clips; {@code anchored}: each clip
         * step is followed by a synthetic EPE step, so the flow keeps what it learned there.
         */
        public static Phase task(String name, int steps, boolean anchored) {
            return new Phase(name, steps, 0f, 0f, 1f, 0f, 0f, false, anchored);
        }

        /**
         * Terms that need no labels and no features on the clips: EPE to the DIS teacher where DIS passes its own
         * forward-backward check, census photometric and edge-aware smoothness ({@link UnsupervisedLoss}).
         */
        public static Phase unsupervised(String name, int steps, float epeWeight, float photometricWeight,
                float smoothnessWeight) {
            return unsupervised(name, steps, epeWeight, photometricWeight, smoothnessWeight, false);
        }

        /** The same, each clip step followed by a synthetic EPE step when {@code anchored}. */
        public static Phase unsupervised(String name, int steps, float epeWeight, float photometricWeight,
                float smoothnessWeight, boolean anchored) {
            return new Phase(name, steps, epeWeight, 0f, 0f, photometricWeight, smoothnessWeight, false, anchored);
        }

        /** Whether steps need the feature network on both frames (the feature and task terms). */
        boolean needsFeatures() {
            return featureWeight > 0 || taskWeight > 0;
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

    /** What one step reports; NaN for a term the step does not have. */
    public record Step(String phase, int step, int totalSteps, double loss, double epe, double featureLoss,
            double taskLoss, double photometric, double seconds) {
    }

    /** A clip's frames, packed RGB. */
    public record Clip(String name, int width, int height, List<byte[]> frames) {
    }

    private final TfModelSet set;
    private final DisFlowNet teacher;
    private final FlowNetwork.Config config;
    private final TrainingGraph graph;

    public FlowTrainer(TfModelSet set, FlowNetwork.Config config, long seed) {
        this(set, config, seed, null);
    }

    /**
     * @param start where the parameters start ({@link FlowModelWriter#read}: a network trained before), or null for
     *              a fresh, seeded initialisation
     */
    public FlowTrainer(TfModelSet set, FlowNetwork.Config config, long seed, FlowNetwork.Params start) {
        this(set, config, seed, start, 0);
    }

    /**
     * @param chainLength the links of {@link #trainChained}'s chains (the key interval), or 0 where it is not used
     */
    public FlowTrainer(TfModelSet set, FlowNetwork.Config config, long seed, FlowNetwork.Params start,
            int chainLength) {
        this(set, config, seed, start, chainLength, 0f);
    }

    /**
     * @param chainTaskWeight the weight of the task term in {@link #trainChained}'s loss (the set's head map on the
     *                        key frame warped along the chain against the head map on each frame), or 0 for none
     */
    public FlowTrainer(TfModelSet set, FlowNetwork.Config config, long seed, FlowNetwork.Params start,
            int chainLength, float chainTaskWeight) {
        this(set, config, seed, start, chainLength, chainTaskWeight, null);
    }

    /**
     * @param chainRefine the Lucas-Kanade steps the engine refines the network's flow by: {@link #trainChained}
     *                    then trains the flow refined by them, link by link, as the engine chains it; null for the
     *                    network's own flow
     */
    public FlowTrainer(TfModelSet set, FlowNetwork.Config config, long seed, FlowNetwork.Params start,
            int chainLength, float chainTaskWeight, LucasKanade.Settings chainRefine) {
        if (chainTaskWeight > 0 && !set.manifest().isHeadMap()) {
            throw new IllegalArgumentException("the chain's task term needs a set whose feature map is a detection "
                    + "head's output; " + set.directory() + " splits the detector elsewhere");
        }
        this.set = set;
        this.config = config;
        this.teacher = set.disFlowNet(DisFlowNet.Settings.REFERENCE);
        this.graph = new TrainingGraph(config, seed, start, chainLength, chainTaskWeight, chainRefine);
    }

    /**
     * Trains on the chained flow ({@link ChainLoss}): each step takes a run of chain-length + 1 consecutive frames
     * of a clip, composes the network's flow link by link back to the run's first frame, and fits every composed
     * flow to the teacher's composed the same way ({@link TeacherChains}: DIS on consecutive pairs, each computed
     * the first time a step needs it), weighted per cell by the teacher's checks along the path and, if asked, by
     * motion ({@link #withMotionBalance}). With a task weight, the loss adds the task term along the same path
     * ({@link HeadTargets}: the set's head map on each frame, computed the first time a step needs it).
     * {@code report} gets every step, its EPE and task term averaged over the chain's lengths.
     */
    public void trainChained(List<Clip> clips, int steps, float learningRate, long seed, Consumer<Step> report) {
        int n = graph.chainLength();
        if (n < 1) {
            throw new IllegalStateException("chained training needs a trainer built with a chain length");
        }
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            if (clips.get(i).frames().size() > n) {
                usable.add(i);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("chained training takes runs of " + (n + 1) + " consecutive frames, "
                    + "but no clip has that many: " + clips.stream().map(c -> c.name() + " (" + c.frames().size()
                            + ")").toList());
        }
        try (DffEngine detector = boxTeacher ? new DffEngine(set, Mode.FRAME, 1, set.scoreFloor()) : null) {
            TeacherChains.FrameDetections boxes = detector == null ? null : (c, f) -> detector.process(Frame.rgb(
                    clips.get(c).frames().get(f), clips.get(c).width(), clips.get(c).height()), true).detections();
            trainChained(clips, usable, new TeacherChains(clips, teacher, set.ingest(), boxes,
                    set.scoreThreshold()), steps, learningRate, seed, report);
        }
    }

    private void trainChained(List<Clip> clips, List<Integer> usable, TeacherChains chains, int steps,
            float learningRate, long seed, Consumer<Step> report) {
        int n = graph.chainLength();
        HeadTargets heads = graph.chainHasTask() ? new HeadTargets(clips, set.manifest(), set.ingest(), set.feature())
                : null;
        Random rnd = new Random(seed);
        long t0 = System.nanoTime();
        ParameterMean mean = new ParameterMean();
        for (int s = 0; s < steps; s++) {
            int ci = usable.get(rnd.nextInt(usable.size()));
            Clip clip = clips.get(ci);
            int start = rnd.nextInt(clip.frames().size() - n);
            TeacherChains.Targets t = chains.targets(ci, start, n);
            int gw = t.width();
            int gh = t.height();
            float[] weights = new float[n * gw * gh];
            for (int j = 0; j < n; j++) {
                float[] flow = Arrays.copyOfRange(t.flows(), j * gw * gh * 2, (j + 1) * gw * gh * 2);
                float[] seen = Arrays.copyOfRange(t.visible(), j * gw * gh, (j + 1) * gw * gh);
                System.arraycopy(balanced(flow, seen), 0, weights, j * gw * gh, gw * gh);
            }
            double[] l;
            try (TUint8 frames = TfTensors.images(clip.frames().subList(start, start + n + 1), clip.width(),
                    clip.height());
                    TFloat32 target = TFloat32.tensorOf(Shape.of(n, gh, gw, 2), DataBuffers.of(t.flows(), false,
                            false));
                    TFloat32 weight = TFloat32.tensorOf(Shape.of(n, gh, gw), DataBuffers.of(weights, false, false));
                    TFloat32 head = heads == null ? null : TFloat32.tensorOf(Shape.of(n + 1, heads.height(),
                            heads.width(), HeadTargets.CHANNELS), DataBuffers.of(heads.run(ci, start, n + 1), false,
                                    false))) {
                l = graph.chainStep(frames, target, weight, head, rate(learningRate, s, steps));
            }
            report.accept(new Step("chain", s + 1, steps, l[2], l[0], Double.NaN, l[1], Double.NaN,
                    (System.nanoTime() - t0) / 1e9));
            if (chainAnchorEvery > 0 && (s + 1) % chainAnchorEvery == 0) {
                syntheticStep(synthetic.get(), rate(learningRate, s, steps));
            }
            int left = steps - (s + 1);
            if (chainAverageLast > 0 && left <= chainAverageLast && left % chainAverageEvery == 0) {
                mean.add(graph.values());
            }
        }
        if (mean.count() > 0) {
            graph.assign(mean.values());
        }
    }

    private int chainAverageLast;
    private int chainAverageEvery = 1;

    /**
     * Chained training ends on the mean of the parameters after every {@code every}-th of its last {@code last}
     * steps, counted back from the last step (which is one of them), instead of the last step's: at a constant
     * learning rate the last step's parameters are one draw from where the optimizer wanders, and the mean of a
     * few is nearer the middle (stochastic weight averaging). 0 (the trainer's default; train-flow's is 1000): the
     * last step's.
     */
    public FlowTrainer withChainAverage(int last, int every) {
        if (last < 0 || every < 1) {
            throw new IllegalArgumentException("chain average over the last " + last + " steps, every " + every
                    + ": expected last >= 0 and every >= 1");
        }
        this.chainAverageLast = last;
        this.chainAverageEvery = every;
        return this;
    }

    /** The running mean of parameter snapshots, by name, in double. */
    private static final class ParameterMean {
        private final Map<String, double[]> sums = new LinkedHashMap<>();
        private int count;

        void add(Map<String, float[]> values) {
            for (Map.Entry<String, float[]> e : values.entrySet()) {
                double[] sum = sums.computeIfAbsent(e.getKey(), k -> new double[e.getValue().length]);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += e.getValue()[i];
                }
            }
            count++;
        }

        int count() {
            return count;
        }

        Map<String, float[]> values() {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : sums.entrySet()) {
                float[] v = new float[e.getValue().length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (e.getValue()[i] / count);
                }
                out.put(e.getKey(), v);
            }
            return out;
        }
    }

    /**
     * Runs the phases over the clips; {@code report} gets every step.
     *
     * @param maxOffset the largest key-to-current distance d (the key interval trained for)
     */
    public void train(List<Clip> clips, List<Phase> phases, int maxOffset, float learningRate, long seed,
            Consumer<Step> report) {
        for (Phase p : phases) {
            if (p.needsFeatures() && (p.photometricWeight() > 0 || p.smoothnessWeight() > 0)) {
                throw new IllegalArgumentException("phase '" + p.name() + "' mixes the unsupervised terms with the "
                        + "feature or task terms; give them phases of their own");
            }
        }
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
                        FeatureMap keyMap = phase.needsFeatures() ? set.feature().extract(keyImage) : null) {
                    for (int rep = 0; rep < 4 && s < phase.steps(); rep++) {
                        int c = Math.min(n - 1, k + 1 + rnd.nextInt(maxOffset));
                        float r = rate(learningRate, s, phase.steps());
                        double[] l = step(clip, c, keyImage, keyMap, phase, s >= occlusionWarmup(phase), r);
                        s++;
                        done++;
                        report.accept(new Step(phase.name(), done, total, l[0], l[1], l[2], l[3], l[4],
                                (System.nanoTime() - t0) / 1e9));
                        if (phase.anchored()) {
                            if (synthetic == null) {
                                throw new IllegalStateException("phase '" + phase.name()
                                        + "' is anchored on synthetic pairs, but there are none");
                            }
                            double e = syntheticStep(synthetic.get(), r);
                            done++;
                            report.accept(new Step(phase.anchorName(), done, total, e, e, Double.NaN,
                                    Double.NaN, Double.NaN, (System.nanoTime() - t0) / 1e9));
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
                report.accept(new Step(phase.name(), done, total, e, e, Double.NaN, Double.NaN, Double.NaN,
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
        try (FrameImage cur = set.ingest().ingest(Frame.rgb(pair.current(), syntheticWidth, syntheticHeight));
                FrameImage keyImage = set.ingest().ingest(Frame.rgb(pair.key(), syntheticWidth, syntheticHeight));
                TFloat32 truth = TFloat32.tensorOf(Shape.of(1, config.gridHeight(), config.gridWidth(), 2),
                        DataBuffers.of(pair.flow(), false, false));
                TFloat32 weight = balanceObjects ? TFloat32.tensorOf(Shape.of(1, config.gridHeight(),
                        config.gridWidth()), DataBuffers.of(pair.objectWeight(), false, false)) : null) {
            return graph.epeStep(cur, keyImage, truth, weight, rate);
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

    /**
     * How many of an unsupervised phase's first steps count every pixel that lands inside the frame, before the
     * forward-backward check masks the occluded ones (UFlow too can switch its occlusion estimate on late). Until the
     * network's two directions agree the check fails almost everywhere, and a pixel it masks gets no pull back
     * towards a match: from scratch, a run could drift until every pixel left the frame (FlowTrainerTest).
     */
    static int occlusionWarmup(Phase phase) {
        return phase.steps() / 5;
    }

    /** One clip step: loss, EPE, feature L1, task loss and photometric term (NaN where the phase does not use it). */
    private double[] step(Clip clip, int c, FrameImage keyImage, FeatureMap keyMap, Phase phase,
            boolean checkOcclusion, float rate) {
        if (!phase.needsFeatures()) {
            return flowStep(clip, c, keyImage, phase, checkOcclusion, rate);
        }
        if (phase.taskWeight() > 0 && taskLoss == null) {
            throw new IllegalStateException("phase '" + phase.name() + "' needs the task head (withTaskLoss)");
        }
        try (FrameImage cur = ingest(clip, c);
                FeatureMap curMap = set.feature().extract(cur);
                // DIS only where its term counts: it costs ~16 ms
                FlowField dis = phase.epeWeight() > 0 ? teacher.estimate(keyImage, cur) : null;
                TFloat32 disFlow = dis != null ? TfTensors.flow(dis) : null;
                TaskLoss.Value task = phase.taskWeight() > 0 ? taskValue(cur, keyImage, keyMap, curMap) : null) {
            double[] l = graph.clipStep(cur, keyImage, keyMap, curMap, disFlow, task != null ? task.gradient() : null,
                    phase.epeWeight(), phase.featureWeight(), phase.taskWeight(), rate);
            double total = l[0] + (task == null ? 0 : phase.taskWeight() * task.loss());
            return new double[] {total, dis == null ? Double.NaN : l[1], l[2], task == null ? Double.NaN : task.loss(),
                Double.NaN};
        }
    }

    /** A step without features: the masked teacher EPE and the unsupervised terms. */
    private double[] flowStep(Clip clip, int c, FrameImage keyImage, Phase phase, boolean checkOcclusion,
            float rate) {
        try (FrameImage cur = ingest(clip, c);
                // DIS both ways only where its term counts: ~16 ms each
                FlowField dis = phase.epeWeight() > 0 ? teacher.estimate(keyImage, cur) : null;
                FlowField back = phase.epeWeight() > 0 ? teacher.estimate(cur, keyImage) : null;
                TFloat32 disFlow = dis != null ? TfTensors.flow(dis) : null;
                TFloat32 visible = dis != null ? TFloat32.tensorOf(Shape.of(1, dis.height(), dis.width()),
                        DataBuffers.of(teacherWeights(dis, back), false, false)) : null) {
            double[] l = graph.flowStep(cur, keyImage, disFlow, visible, phase.epeWeight(), phase.photometricWeight(),
                    phase.smoothnessWeight(), checkOcclusion, rate);
            boolean photometric = phase.photometricWeight() > 0 || phase.smoothnessWeight() > 0;
            return new double[] {l[0], dis == null ? Double.NaN : l[1], Double.NaN, Double.NaN,
                photometric ? l[2] : Double.NaN};
        }
    }

    private int chainAnchorEvery;

    /**
     * Chained training follows every {@code every}-th step with a step on a synthetic pair ({@link #withSynthetic},
     * at the chain's rate): the clips' chains hardly ever show a whole frame moving by more than a cell, and the
     * chain phase wears down what the synthetic phase taught of it. 0 (the default): none.
     */
    public FlowTrainer withChainAnchor(int every) {
        if (every < 0) {
            throw new IllegalArgumentException("chain anchor every " + every + " steps");
        }
        if (every > 0 && synthetic == null) {
            throw new IllegalStateException("the chain anchor needs synthetic pairs (withSynthetic first)");
        }
        this.chainAnchorEvery = every;
        return this;
    }

    private boolean boxTeacher;

    /**
     * Chained training also takes the detector's box motion as its teacher on the objects the set's detector sees
     * ({@link BoxMotion}; the detector runs once on each frame a chain reaches).
     */
    public FlowTrainer withBoxTeacher(boolean on) {
        this.boxTeacher = on;
        return this;
    }

    private double movingAbove = Double.NaN;
    private double movingShare;

    /**
     * Gives the cells the teacher sees moving by more than {@code movingAbove} cells {@code movingShare} of its EPE's
     * weight ({@link MotionBalance}); NaN (the default) weighs every cell that passes the check the same.
     */
    public FlowTrainer withMotionBalance(double movingAbove, double movingShare) {
        this.movingAbove = movingAbove;
        this.movingShare = movingShare;
        return this;
    }

    /** The teacher's EPE weights per cell: its forward-backward check, balanced by motion if asked. */
    private float[] teacherWeights(FlowField forward, FlowField backward) {
        float[] f = forward.vectors();
        return balanced(f, FlowConsistency.visible(f, backward.vectors(), forward.width(), forward.height()));
    }

    /** The visible cells' weights, balanced by the teacher's motion if asked. */
    private float[] balanced(float[] flow, float[] visible) {
        return Double.isNaN(movingAbove) ? visible : MotionBalance.weights(flow, visible, movingAbove, movingShare);
    }

    /** The task loss of the current flow on this pair: warp the key features, run the head on both. */
    private TaskLoss.Value taskValue(FrameImage cur, FrameImage keyImage, FeatureMap keyMap, FeatureMap curMap) {
        try (Result w = graph.warp(cur, keyImage, keyMap)) {
            return taskLoss.evaluate((TFloat32) w.get(0), TfTensors.features(curMap));
        }
    }

    /** The current parameters as constants: what {@link FlowModelWriter} exports. */
    public FlowNetwork.Params trainedParams() {
        return FlowModelWriter.constants(graph.values(), "this trainer");
    }

    /** Exports the trained network as a flow SavedModel. */
    public void export(Path flowDir) throws IOException {
        FlowModelWriter.write(flowDir, config, trainedParams());
    }

    @Override
    public void close() {
        teacher.close();
        graph.close();
    }
}
