package org.gstdff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.gstdff.core.Detection;
import org.gstdff.core.FileTrees;
import org.gstdff.core.Frame;
import org.gstdff.core.Json;
import org.gstdff.core.LucasKanade;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Mode;
import org.gstdff.engine.ModelSet;
import org.gstdff.eval.AveragePrecision;
import org.gstdff.gst.ClipReader;
import org.gstdff.gst.DffDefaults;
import org.gstdff.model.Device;
import org.gstdff.model.DisFlowNet;
import org.gstdff.model.FlowRefine;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.SharedModelSets;
import org.gstdff.model.TfModelSet;
import org.gstdff.train.FlowModelWriter;
import org.gstdff.train.FlowNetwork;
import org.gstdff.train.FlowTrainer;
import org.gstdff.train.FootagePlan;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dff adapt VIDEO[:FROM-TO]... --out SET2}: fine-tunes a set's flow network on the user's own unlabelled
 * footage with the DIS MEDIUM teacher (distillation of full-resolution DIS flow pooled to the feature grid, where
 * DIS passes its own forward-backward check) and optionally the unsupervised terms of train-flow, for at
 * most {@code --minutes}. Before and after, it measures on a held-out time range of the footage (the last
 * {@code --holdout} of every clip, never trained on) how well {@code dff} with the set's flow agrees with the
 * per-frame detector at {@code --interval}, and prints both beside the element's default flow (DIS ULTRAFAST,
 * chained) on the same frames, the figure the adapted network has to beat. The adapted set records its provenance in
 * model.json and asks for Lucas-Kanade steps on its network's flow ({@link FlowRefine#DEFAULTS}; the after figure
 * is measured with it); the input set is never written, and a run cut short leaves no output.
 */
@Command(name = "adapt", mixinStandardHelpOptions = true, description = {
        "Fine-tune a set's flow network on your own unlabelled footage (DIS MEDIUM as teacher), measuring the "
                + "agreement with the per-frame detector on a held-out range before and after, beside DIS's; the "
                + "adapted set's flow is refined by Lucas-Kanade steps (dff flow-refine=none turns them off).",
        "  VIDEO[:FROM-TO] takes frames FROM..TO-1 of a clip; vtest.avi frames 0-299 are refused (evaluation range)."})
final class AdaptCommand implements Callable<Integer> {

    /** vtest.avi frames below this are the evaluation range: never trained on, by any path. */
    static final int VTEST_EVALUATION_FRAMES = 300;

    @Parameters(arity = "1..*", paramLabel = "VIDEO[:FROM-TO]", description = "the footage")
    List<String> videos;

    @Option(names = "--out", required = true, paramLabel = "SET2", description = "the adapted set (must not exist)")
    Path out;

    @Option(names = "--model", paramLabel = "SET", description = "the set to adapt (default: the default set)")
    Path modelDir;

    @Option(names = "--minutes", paramLabel = "N", defaultValue = "13", description = "training time at most, the "
            + "teacher's flow included (default: ${DEFAULT-VALUE}: with the measurements before and after, 15 minutes "
            + "in all)")
    double minutes;

    @Option(names = "--steps", paramLabel = "N", description = "training steps at most (default: 4000 with --path "
            + "chain, ~10 minutes on 2 cores over 400 frames; 2000 with --path direct)")
    Integer steps;

    @Option(names = "--holdout", paramLabel = "F", defaultValue = "0.2", description = "the last fraction of each "
            + "clip, measured and never trained on (default: ${DEFAULT-VALUE})")
    double holdout;

    @Option(names = "--interval", paramLabel = "L", defaultValue = "10", description = "key interval trained for and "
            + "measured at (default: ${DEFAULT-VALUE})")
    int interval;

    @Option(names = "--lr", paramLabel = "R", description = "learning rate (default: 6e-4 with --path chain, 2e-4 "
            + "with --path direct)")
    Float lr;

    @Option(names = "--path", paramLabel = "chain|direct", defaultValue = "chain", description = "chain: train the "
            + "flow as the engine chains it, on runs of --interval + 1 consecutive frames, the network's flow composed "
            + "frame to frame back to the first and fitted at every length to DIS's flow composed the same way (the "
            + "adapted set says so: flow-path=auto chains it); direct: one jump of up to --interval frames, as the "
            + "DFF paper does (default: ${DEFAULT-VALUE}; on vtest chain agrees more, docs/ABLATION.md)")
    String path;

    /** Whether --path is chain (set in {@link #call}). */
    private boolean chain;

    @Option(names = "--epe-weighting", paramLabel = "motion|cell", defaultValue = "motion", description = "motion: "
            + "the cells DIS sees moving by more than half a cell weigh as much in total as the still ones (on vtest "
            + "+3.6 / +7.1 at l = 5 / 10 trained on consecutive frames, docs/ABLATION.md); cell: every cell that "
            + "passes DIS's check the same (default: ${DEFAULT-VALUE})")
    String epeWeighting;

    /** Where a teacher cell counts as moving for --epe-weighting motion, in cells: a walker moves ~1 a frame. */
    static final double MOVING_ABOVE = 0.5;
    /** The moving cells' share of the teacher's EPE weight with --epe-weighting motion (3/4 measured the same). */
    static final double MOVING_SHARE = 0.5;

    @Option(names = "--photometric-weight", paramLabel = "W", defaultValue = "0", description = "census photometric "
            + "term with occlusion masks beside the teacher (default: ${DEFAULT-VALUE}: on vtest it lowered the "
            + "agreement, docs/ABLATION.md)")
    float photometricWeight;

    @Option(names = "--smoothness-weight", paramLabel = "W", defaultValue = "0", description = "edge-aware "
            + "smoothness term (default: ${DEFAULT-VALUE})")
    float smoothnessWeight;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "600", description = "training frames read "
            + "per clip at most (and a quarter of it held out, at the default --holdout): a longer recording is read "
            + "as runs of " + RUNS_OF + " key intervals spread over it, so memory stays flat however long it is "
            + "(default: ${DEFAULT-VALUE}; ~530 KB a frame read, ~850 KB with --task-weight)")
    int maxFrames;

    /** Key intervals (plus one frame) in a run of consecutive frames read from a long recording. */
    static final int RUNS_OF = 4;

    @Option(names = "--task-weight", paramLabel = "W", defaultValue = "0", description = "with --path chain: the "
            + "task term beside the teacher, the set's head map on the key frame warped along the chain against "
            + "its head map on each frame, where the detections are (default: ${DEFAULT-VALUE})")
    float taskWeight;

    @Option(names = "--box-teacher", description = "with --path chain: on the objects the set's detector sees on "
            + "two consecutive frames, the teacher is their boxes' motion instead of DIS's (the detector runs once "
            + "on each frame a chain reaches)")
    boolean boxTeacher;

    @Option(names = "--chain-refined", description = "with --path chain: the loss is on the flow after the set's "
            + "Lucas-Kanade steps (in the training graph), as the element chains it, not on the network's own")
    boolean chainRefined;

    /** A clip and the frame range taken from it. */
    record Footage(Path file, int from, int to) {

        static Footage parse(String text) throws Main.UsageException {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*):(\\d+)-(\\d+)").matcher(text);
            Footage f = m.matches() ? new Footage(Path.of(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))) : new Footage(Path.of(text), 0, Integer.MAX_VALUE);
            if (f.from() >= f.to()) {
                throw new Main.UsageException(text + ": the range FROM-TO must have FROM < TO");
            }
            if (f.file().getFileName().toString().toLowerCase(Locale.ROOT).startsWith("vtest")
                    && f.from() < VTEST_EVALUATION_FRAMES) {
                throw new Main.UsageException(text + ": vtest.avi frames 0-" + (VTEST_EVALUATION_FRAMES - 1)
                        + " are the evaluation range and are never trained on; take " + f.file() + ":"
                        + VTEST_EVALUATION_FRAMES + "-795");
            }
            return f;
        }

        String describe() {
            return file.getFileName() + (to == Integer.MAX_VALUE ? "" : ":" + from + "-" + to);
        }
    }

    /** Agreement of dff (the set's flow) with the per-frame detector over held-out frames, per class. */
    record Agreement(double ap, String what) {

        /** "person AP@0.5 73.6", or why there is no figure (NaN: no detection to agree with). */
        String text() {
            return Double.isNaN(ap) ? "not measured: the per-frame detector finds nothing in the held-out frames"
                    : String.format(Locale.ROOT, "%s AP@0.5 %.1f", what, 100 * ap);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out)) {
            throw new Main.UsageException("--out " + out + " already exists");
        }
        if (!path.equals("chain") && !path.equals("direct")) {
            throw new Main.UsageException("--path is chain or direct, got " + path);
        }
        chain = path.equals("chain");
        if (steps == null) {
            steps = chain ? 4000 : 2000;
        }
        if (lr == null) {
            lr = chain ? 6e-4f : 2e-4f;
        }
        if (!(holdout > 0 && holdout < 1) || steps < 1 || !(minutes > 0) || !(lr > 0) || maxFrames < 1) {
            throw new Main.UsageException("--holdout in (0, 1), --steps >= 1, --minutes > 0, --lr > 0, "
                    + "--max-frames >= 1");
        }
        if (interval < 2) {
            throw new Main.UsageException("--interval must be >= 2: at 1 every frame is a key frame and there is no "
                    + "flow to measure");
        }
        if (!epeWeighting.equals("motion") && !epeWeighting.equals("cell")) {
            throw new Main.UsageException("--epe-weighting is motion or cell, got " + epeWeighting);
        }
        if (!(photometricWeight >= 0) || !(smoothnessWeight >= 0)) {
            throw new Main.UsageException("--photometric-weight and --smoothness-weight must be >= 0");
        }
        if (!(taskWeight >= 0)) {
            throw new Main.UsageException("--task-weight must be >= 0, got " + taskWeight);
        }
        if (!chain && taskWeight > 0) {
            throw new Main.UsageException("--task-weight is a term of --path chain (the head map warped along the "
                    + "chain); --path direct has none");
        }
        if (!chain && chainRefined) {
            throw new Main.UsageException("--chain-refined trains the chain through the steps; --path direct has no "
                    + "chain");
        }
        if (!chain && boxTeacher) {
            throw new Main.UsageException("--box-teacher teaches the links of --path chain; --path direct has none");
        }
        if (chain && (photometricWeight > 0 || smoothnessWeight > 0)) {
            throw new Main.UsageException("--path chain fits DIS's chained flow alone; the photometric and "
                    + "smoothness terms train on pairs: take --path direct or leave out the weights");
        }
        Path model = modelDir != null ? modelDir : DffDefaults.defaultModel();
        ModelManifest manifest = ModelManifest.read(model);
        if (taskWeight > 0 && !manifest.isHeadMap()) {
            throw new Main.UsageException("--task-weight reads the detector's head map, but the feature map of "
                    + model + " is not a detection head's output (no decode section in its model.json)");
        }
        if (chainRefined) {
            refinement(manifest);
        }
        int w = FlowTrainer.FRAME_WIDTH;
        int h = FlowTrainer.FRAME_HEIGHT;
        List<FlowTrainer.Clip> train = new ArrayList<>();
        List<List<byte[]>> held = new ArrayList<>();
        List<Map<String, Object>> provenance = new ArrayList<>();
        for (String v : videos) {
            read(Footage.parse(v), w, h, train, held, provenance);
        }
        boolean chainedBefore = manifest.flowChains();
        List<List<Detection>> perFrame = perFrame(model, held, w, h);
        Agreement before = agreement(model, held, perFrame, w, h, chainedBefore, null);
        System.out.printf(Locale.ROOT, "before: %s against per-frame detections (held out, l=%d, %s)%n",
                before.text(), interval, how(model, chainedBefore));
        // what the adapted flow has to beat: the element's default flow on the same frames
        FlowOption dis = FlowOption.parse(BenchCommand.DEFAULT_DIS);
        Agreement reference = agreement(model, held, perFrame, w, h, true, dis.dis());
        System.out.printf(Locale.ROOT, "DIS:    %s (the same frames; %s chained, the element's default flow)%n",
                reference.text(), dis.name());

        Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".adapting-" + ProcessHandle.current()
                .pid());
        FileTrees.delete(tmp);
        try {
            Path flowDir = tmp.resolve("trained-flow");
            List<double[]> curve = new ArrayList<>();
            int done = train(model, train, flowDir, curve);
            Path set = tmp.resolve("set");
            FileTrees.copy(model, set);
            FlowModelWriter.install(flowDir, set);
            Agreement after = agreement(set, held, perFrame, w, h, chain, null);
            double gain = after.ap() - before.ap();
            double overDis = after.ap() - reference.ap();
            System.out.printf(Locale.ROOT, "after:  %s (%s%s)%s%n", after.text(), Double.isNaN(gain) ? ""
                    : String.format(Locale.ROOT, "%+.1f, ", 100 * gain), how(set, chain), Double.isNaN(overDis) ? ""
                    : String.format(Locale.ROOT, "; %+.1f against DIS", 100 * overDis));
            String verdict = verdict(before, after, reference, model);
            if (verdict != null) {
                System.out.println("verdict: " + verdict);
            }
            record(set, provenance, done, curve, before, after, reference);
            TrainFlowCommand.charts(curve, set);
            Files.move(set, out.toAbsolutePath());
            System.out.println("adapted set: " + out + " (loss curves: " + out.resolve("loss-epe.png") + ")");
        } finally {
            FileTrees.delete(tmp); // a run cut short leaves nothing behind, and the input set was only read
        }
        return 0;
    }

    /**
     * Reads a clip's frames as {@link FootagePlan} plans them: training runs into {@code train} (those long enough
     * for a step), held-out runs into {@code held}, what was read into {@code provenance}; prints what it read.
     */
    private void read(Footage f, int w, int h, List<FlowTrainer.Clip> train, List<List<byte[]>> held,
            List<Map<String, Object>> provenance) throws Main.UsageException {
        if (!Files.isRegularFile(f.file())) {
            throw new Main.UsageException("no such video: " + f.file());
        }
        int needed = chain ? interval + 1 : 2; // --path chain trains on runs of interval + 1 frames
        FootagePlan plan;
        List<List<byte[]>> runs;
        int to;
        long t0 = System.nanoTime();
        try {
            to = (int) Math.min(f.to(), ClipReader.frameCount(f.file()));
            if (to - f.from() < needed + interval) {
                throw new Main.UsageException(f.describe() + ": " + Math.max(0, to - f.from()) + " frames; need "
                        + "at least " + needed + " to train on and " + interval + " held out");
            }
            plan = FootagePlan.of(f.from(), to, holdout, maxFrames, RUNS_OF * (interval + 1));
            runs = ClipReader.readRuns(f.file(), w, h, plan.runs());
        } catch (IllegalStateException e) {
            throw new Main.UsageException(e.getMessage()); // "cannot decode FILE: why"
        }
        int trained = 0;
        int measured = 0;
        for (int i = 0; i < runs.size(); i++) {
            List<byte[]> run = runs.get(i);
            int[] r = plan.runs().get(i);
            if (i < plan.train().size()) {
                trained += run.size();
                if (run.size() >= needed) { // a container's duration can promise a few frames it lacks
                    train.add(new FlowTrainer.Clip(plan.sampled() ? f.file().getFileName() + ":" + r[0] + "-"
                            + (r[0] + run.size()) : f.describe(), w, h, run));
                }
            } else if (run.size() > 1) {
                measured += run.size();
                held.add(run);
            }
        }
        if (trained < needed || measured < interval) {
            throw new Main.UsageException(f.describe() + ": " + (trained + measured) + " frames decoded; need at "
                    + "least " + needed + " to train on and " + interval + " held out");
        }
        int cut = plan.heldOut().get(0)[0];
        int end = plan.sampled() ? to : cut + measured; // whole: where the clip really ended
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("clip", f.file().getFileName().toString());
        p.put("trained_frames", List.of(f.from(), cut));
        p.put("held_out_frames", List.of(cut, end));
        if (plan.sampled()) {
            p.put("trained_runs", plan.train().stream().map(r -> List.of(r[0], r[1])).toList());
            p.put("held_out_runs", plan.heldOut().stream().map(r -> List.of(r[0], r[1])).toList());
        }
        provenance.add(p);
        if (plan.sampled()) {
            System.out.printf(Locale.ROOT, "%s: %d frames, %d to train on (read: %d runs of up to %d consecutive "
                    + "frames, %d frames), %d held out (measured: %d runs, %d frames); read in %.0f s%n", f.describe(),
                    end - f.from(), cut - f.from(), plan.train().size(), RUNS_OF * (interval + 1), trained, end - cut,
                    plan.heldOut().size(), measured, (System.nanoTime() - t0) / 1e9);
        } else {
            System.out.printf("%s: %d frames, %d to train on, %d held out%n", f.describe(), end - f.from(),
                    trained, measured);
        }
    }

    /** Trains the set's flow network with the DIS teacher until the step or time budget; returns the steps done. */
    private int train(Path model, List<FlowTrainer.Clip> clips, Path flowDir, List<double[]> curve)
            throws Exception {
        // the set's flow network must be one FlowTrainer can continue
        // the architecture as the manifest describes it (train-flow, make-flow-model and install-flow write it)
        ModelManifest manifest = ModelManifest.read(model);
        Map<String, Object> flowJson = manifest.flow();
        FlowNetwork.Config cfg = FlowNetwork.Config.described(flowJson, manifest.featureWidth(),
                manifest.featureHeight(), manifest.featureChannels());
        if (cfg == null) {
            throw new Main.UsageException(model + ": its flow network (kind " + flowJson.get("kind") + ") is not a "
                    + "network train-flow makes, so it cannot be adapted; install one with ./dff install-flow");
        }
        long deadline = System.nanoTime() + (long) (minutes * 60e9);
        int[] done = {0};
        try (TfModelSet set = TfModelSet.load(model, Device.CPU);
                FlowTrainer trainer = new FlowTrainer(set, cfg, 7, FlowModelWriter.read(model.resolve("flow")),
                        chain ? interval : 0, taskWeight, chainRefined ? refinement(manifest) : null)
                        .withMotionBalance(epeWeighting.equals("motion") ? MOVING_ABOVE : Double.NaN, MOVING_SHARE)
                        .withBoxTeacher(boxTeacher)) {
            try {
                Consumer<FlowTrainer.Step> progress = step -> {
                    done[0] = step.step();
                    curve.add(new double[] {step.step(), 1, step.epe(), Double.NaN, step.taskLoss(),
                        step.photometric()});
                    if (step.step() % 20 == 0 || step.step() == step.totalSteps()) {
                        double eta = step.seconds() / step.step() * (step.totalSteps() - step.step());
                        System.out.printf(Locale.ROOT, "step %5d/%d  %s %.3f px  %.0f s, ETA %.0f s "
                                + "(at most %.0f)%n", step.step(), step.totalSteps(),
                                (chain ? "chained EPE to " + (boxTeacher ? "the teacher's" : "DIS's") + (chainRefined
                                        ? " after the steps" : "") + ", mean over lengths 1-" + interval
                                        : "EPE to DIS")
                                        + (epeWeighting.equals("motion") ? " (motion-weighted)" : ""),
                                step.epe(), step.seconds(), eta, (deadline - System.nanoTime()) / 1e9);
                        if (taskWeight > 0) {
                            System.out.printf(Locale.ROOT, "           task term %.4f (weight %s)%n",
                                    step.taskLoss(), taskWeight);
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new TimeUp();
                    }
                };
                if (chain) {
                    trainer.trainChained(clips, steps, lr, 13, progress);
                } else {
                    trainer.train(clips, List.of(FlowTrainer.Phase.unsupervised("teacher", steps, 1f,
                            photometricWeight, smoothnessWeight)), interval, lr, 13, progress);
                }
            } catch (TimeUp t) {
                System.out.printf("time budget reached after %d steps%n", done[0]);
            }
            trainer.export(flowDir);
        }
        // what install-flow needs beside the network: the architecture, and whether its scale field is exactly 1
        Map<String, Object> desc = new LinkedHashMap<>(flowJson);
        desc.remove("adapted");
        desc.put("kind", "learned");
        desc.put("scale", FlowNetwork.hasUnitScale(FlowModelWriter.values(flowDir)) ? "unit" : "learned");
        desc.put("path", chain ? "chain" : "direct"); // what flow-path=auto follows
        desc.put(ModelManifest.REFINE, ModelManifest.describe(FlowRefine.DEFAULTS)); // what flow-refine=auto follows
        Files.writeString(flowDir.resolve("flow.json"), Json.writePretty(desc));
        return done[0];
    }

    /** The set's Lucas-Kanade steps, for --chain-refined; a set without any has nothing to train through. */
    private static LucasKanade.Settings refinement(ModelManifest manifest) throws Main.UsageException {
        LucasKanade.Settings r = manifest.flowRefinement();
        if (r == null) {
            throw new Main.UsageException("--chain-refined trains through the set's Lucas-Kanade steps, but its "
                    + "model.json refines the flow with none");
        }
        return r;
    }

    /** Ends training at the time budget (from the step report). */
    private static final class TimeUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimeUp() {
            super(null, null, false, false);
        }
    }

    /**
     * What the held-out figures say to do with the adapted set: use it only where it agrees more than both the set's
     * own flow and DIS; otherwise, which of the two to keep. Null where a figure is missing (nothing detected).
     */
    static String verdict(Agreement before, Agreement after, Agreement dis, Path model) {
        if (Double.isNaN(before.ap()) || Double.isNaN(after.ap()) || Double.isNaN(dis.ap())) {
            return null;
        }
        // compared as printed (0.1 points), so that the verdict never contradicts the figures beside it
        long own = Math.round(1000 * before.ap());
        long adapted = Math.round(1000 * after.ap());
        long other = Math.round(1000 * dis.ap());
        if (adapted >= own && adapted >= other) {
            return "the adapted flow agrees the most on the held-out frames: use the adapted set with flow=model";
        }
        boolean ownBeatsDis = own >= other;
        double best = Math.max(before.ap(), dis.ap());
        return String.format(Locale.ROOT, "the adapted flow agrees less on the held-out frames (%.1f) than %s "
                + "(%.1f): keep %s", 100 * after.ap(), ownBeatsDis ? model + "'s own flow" : "DIS", 100 * best,
                ownBeatsDis ? model + " with flow=model" : "flow=dis, the element's default");
    }

    /** How a set's flow is used, for the before and after lines. */
    private static String how(Path set, boolean chained) {
        LucasKanade.Settings refine = ModelManifest.read(set).flowRefinement();
        return (chained ? "chained" : "direct") + (refine == null ? "" : ", with " + refine.iterations()
                + " Lucas-Kanade step" + (refine.iterations() == 1 ? "" : "s"));
    }

    /**
     * The per-frame detector's detections on the held-out frames, clip after clip: what every agreement is measured
     * against (adapt changes the flow only, so the detector is the same before and after).
     */
    private static List<List<Detection>> perFrame(Path set, List<List<byte[]>> clips, int w, int h) {
        List<List<Detection>> gt = new ArrayList<>();
        try (ModelSet s = SharedModelSets.open(set, Device.CPU, 0, null, FlowRefine.NONE)) {
            for (List<byte[]> clip : clips) {
                try (DffEngine frame = new DffEngine(s, Mode.FRAME, 1, s.scoreThreshold())) {
                    for (byte[] f : clip) {
                        gt.add(frame.process(Frame.rgb(f, w, h), false).detections());
                    }
                }
            }
        }
        return gt;
    }

    /**
     * Person AP (or the mean over classes when the set has no person) of dff against frame mode, held-out frames.
     *
     * @param gt  {@link #perFrame} on the same clips
     * @param dis DIS settings for flow=dis, or null for the set's flow network
     */
    private Agreement agreement(Path set, List<List<byte[]>> clips, List<List<Detection>> gt, int w, int h,
            boolean chained, DisFlowNet.Settings dis) {
        List<List<Detection>> pred = new ArrayList<>();
        // as the element opens it: with the refinement the set asks for (none for DIS, as flow-refine=auto)
        try (ModelSet s = SharedModelSets.open(set, Device.CPU, 0, dis, FlowRefine.AUTO)) {
            for (List<byte[]> clip : clips) {
                try (DffEngine dff = new DffEngine(s, Mode.DFF, interval, 0f)) {
                    dff.setChainFlow(chained);
                    for (byte[] f : clip) {
                        pred.add(dff.process(Frame.rgb(f, w, h), false).detections());
                    }
                }
            }
            Map<Integer, AveragePrecision.ClassAp> ap = AveragePrecision.perClass(gt, pred, 0.5);
            for (AveragePrecision.ClassAp c : ap.values()) {
                if (c.label().equals("person") && c.groundTruth() > 0) {
                    return new Agreement(c.ap(), "person");
                }
            }
            return new Agreement(AveragePrecision.mean(ap, 1), "mean over classes");
        }
    }

    private void record(Path set, List<Map<String, Object>> clips, int steps, List<double[]> curve,
            Agreement before, Agreement after, Agreement dis) throws java.io.IOException {
        ModelManifest m = ModelManifest.read(set);
        Map<String, Object> flow = new LinkedHashMap<>(m.flow());
        Map<String, Object> adapted = new LinkedHashMap<>();
        adapted.put("date", Instant.now().toString());
        adapted.put("clips", clips);
        adapted.put("steps", steps);
        List<String> losses = new ArrayList<>();
        String along = chain ? " on every link; the network's flow and DIS's each composed frame to frame over 1.."
                + interval + " consecutive frames" : "";
        String balance = epeWeighting.equals("motion") ? ", the cells it sees moving by more than " + MOVING_ABOVE
                + " cells weighing as much in total as the still ones" : "";
        losses.add("DIS MEDIUM teacher: end-point error to DIS flow pooled to the feature grid, where DIS passes its "
                + "own forward-backward check" + along + balance);
        if (chainRefined) {
            losses.add("the chained flow scored after the set's Lucas-Kanade steps, as the element chains it");
        }
        if (boxTeacher) {
            losses.add("box motion: on the objects the set's detector sees on two consecutive frames (score >= its "
                    + "threshold on the later one), the middle half of each box's cells take the box's motion as "
                    + "the link's teacher instead of DIS");
        }
        if (photometricWeight > 0) {
            losses.add("census photometric with forward-backward occlusion masks, weight " + photometricWeight);
        }
        if (smoothnessWeight > 0) {
            losses.add("edge-aware first-order smoothness, weight " + smoothnessWeight);
        }
        if (taskWeight > 0) {
            losses.add("task: the set's head map (objectness and boxes) on the key frame warped by the composed flow "
                    + "against the head map on each frame of the chain, weight " + taskWeight);
        }
        adapted.put("losses", losses);
        adapted.put("learning_rate", (double) lr);
        adapted.put("key_interval", interval);
        adapted.put("path", chain ? "chain: trained on runs of " + (interval + 1) + " consecutive frames, the flow "
                + "composed frame to frame and fitted at every length to the teacher's composed the same way"
                : "direct: trained on jumps of 1.." + interval + " frames");
        // the last step's EPE, weighted as it was trained (--epe-weighting)
        adapted.put("final_epe_px", curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1)[2]);
        adapted.put("held_out_" + before.what().replace(' ', '_') + "_ap_before", before.ap());
        adapted.put("held_out_" + after.what().replace(' ', '_') + "_ap_after", after.ap());
        adapted.put("held_out_" + dis.what().replace(' ', '_') + "_ap_dis", dis.ap());
        flow.put("adapted", adapted);
        m.withFlow(flow).write(set);
    }
}
