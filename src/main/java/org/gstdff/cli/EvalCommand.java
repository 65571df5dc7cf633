package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gstdff.core.Detection;
import org.gstdff.core.Json;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Stage;
import org.gstdff.eval.AveragePrecision;
import org.gstdff.eval.Chart;
import org.gstdff.eval.EvalReport;
import org.gstdff.eval.MotionCeiling;
import org.gstdff.gst.DetectionTap;
import org.gstdff.gst.DffDefaults;
import org.gstdff.gst.DffElement;
import org.gstdff.gst.PipelineLauncher;

/**
 * {@code dff eval VIDEO [--max-frames N] [--intervals 2,5,10,20] [--modes dff,track,hold] [--flows model,dis:...]
 * [--key-rates 0.2,0.1,0.05] [--model DIR] [--warm-up N] [--out FILE.json]}: the accuracy / speed frontier in one
 * run, after each configuration's untimed warm-up ({@link RunPlan}). {@code frame} mode runs once, as pseudo ground
 * truth (its detections with score >= the manifest threshold) and as the speed reference; then, at
 * each key interval, {@code hold}, and {@code dff} and {@code track} with each flow. Each row: AP@0.5 per class, the
 * mean over classes with >= 50 ground-truth boxes, engine fps and speed-up over {@code frame}; JSON rows and one
 * chart of person AP against speed-up, one curve per mode and flow. With {@code --key-rates}, {@code dff} also runs
 * with adaptive key frames at each budget (longest interval twice the budget's), each row with the key rate it
 * achieved. Last, at each interval, the ceiling of any flow: the key frame's detections moved exactly as the
 * per-frame detector sees their objects move ({@link MotionCeiling}), what a perfect flow would reach.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "The accuracy / speed frontier in one run: "
        + "person AP against per-frame detections and speed-up, per mode, flow and key interval (or key rate).")
final class EvalCommand implements Callable<Integer> {

    static final int MIN_GROUND_TRUTH = 50;
    static final List<String> MODES = List.of("dff", "track", "hold");

    /**
     * One pass: detections and timestamp per frame, engine fps, median key and non-key frame in the engine (ms; NaN
     * if none).
     */
    record Run(List<List<Detection>> frames, List<Long> timestamps, double engineFps, float threshold, double keyMs,
            double nonKeyMs, double keyRate) {
    }

    /** The per-frame detector's detections at its threshold: what the other runs are compared with, frame by frame. */
    record Reference(List<List<Detection>> frames, List<Long> timestamps) {
    }

    @Parameters(paramLabel = "VIDEO", description = "the clip")
    Path video;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "0", description = "0: the whole clip")
    int maxFrames;

    @Option(names = "--intervals", paramLabel = "L,...", defaultValue = "2,5,10,20",
            description = "key intervals (default: ${DEFAULT-VALUE})")
    String intervalsText;

    @Option(names = "--modes", paramLabel = "MODE,...", defaultValue = "dff,track,hold",
            description = "dff, track, hold (default: ${DEFAULT-VALUE})")
    String modesText;

    @Option(names = "--flows", paramLabel = "FLOW,...", defaultValue = "model," + BenchCommand.DEFAULT_DIS,
            description = "model[@float32|@bfloat16] (flow-precision) or dis:PRESET[:WIDTH], then +lk or +none "
                    + "(flow-refine), then :chain or :direct "
                    + "(flow-path) (default: ${DEFAULT-VALUE})")
    String flowsText;

    @Option(names = "--key-rates", paramLabel = "K,...", description = "also dff with adaptive key frames at these "
            + "budgets (key frames per frame, e.g. 0.2,0.1)")
    String keyRatesText;

    @Option(names = "--model", paramLabel = "DIR", description = "model set (default: the default set)")
    Path modelDir;

    @Option(names = "--out", paramLabel = "FILE.json", description = "default: out/eval.json (and eval.png)")
    Path outFile;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "" + RunPlan.DEFAULT_WARM_UP,
            description = RunPlan.WARM_UP_HELP)
    int warmUp;

    @Override
    public Integer call() throws Exception {
        List<Integer> intervals = parseIntervals(intervalsText);
        List<String> modes = parseModes(modesText);
        List<FlowOption> flows = FlowOption.parseList(flowsText);
        List<Double> keyRates = keyRatesText == null ? List.of() : parseKeyRates(keyRatesText);
        Path model = modelDir != null ? modelDir : DffDefaults.defaultModel();
        Path out = outFile != null ? outFile : DffDefaults.home().resolve("out/eval.json");
        if (!Files.isReadable(video)) {
            throw new Main.UsageException("video " + video + " not found");
        }
        RunPlan.checkWarmUp(warmUp);
        List<RunPlan.Config> plan = RunPlan.of(intervals, modes, flows);
        // the speed-ups are measured: every configuration warmed up first, as in bench
        RunPlan.warmUp(plan, maxFrames > 0 ? Math.min(warmUp, maxFrames) : warmUp, (c, n) -> run(video, model, n,
                c.properties(), c.interval()));
        Run ref = run(video, model, maxFrames, plan.get(0).properties(), plan.get(0).interval());
        List<List<Detection>> kept = new ArrayList<>();
        for (List<Detection> f : ref.frames()) {
            kept.add(f.stream().filter(d -> d.confidence() >= ref.threshold()).toList());
        }
        Reference gt = new Reference(kept, ref.timestamps());
        EvalReport report = new EvalReport(MIN_GROUND_TRUTH);
        report.add(row("frame", "-", 1, gt, ref, ref.engineFps()));
        for (RunPlan.Config c : plan.subList(1, plan.size())) {
            report.add(row(c.mode(), c.flow(), c.interval(), gt, run(video, model, maxFrames, c.properties(),
                    c.interval()), ref.engineFps()));
        }
        if (modes.contains("dff")) {
            for (double k : keyRates) {
                int longest = (int) Math.round(2 / k);
                for (FlowOption flow : flows) {
                    Run run = run(video, model, maxFrames, "mode=dff key-policy=adaptive key-rate=" + k + " "
                            + flow.properties(), longest);
                    report.add(adaptiveRow(flow.name(), longest, gt, run, ref.engineFps()));
                }
            }
        }
        System.out.print(report.table());
        System.out.print(ceiling(ref.frames(), gt, intervals));
        System.out.print("\nFrontier, person AP against speed-up (curves interpolated):\n"
                + report.frontierSummary(2, 5));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.writePretty(report.toJson()));
        Path png = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + ".png");
        chart(report, png);
        System.out.println("written to " + out + " and " + png);
        return 0;
    }

    /**
     * The person AP a perfect flow would give at each interval: the key frame's detections, scores kept, moved as the
     * per-frame detector sees their objects move ({@link MotionCeiling}).
     */
    static String ceiling(List<List<Detection>> perFrame, Reference gt, List<Integer> intervals) {
        StringBuilder sb = new StringBuilder("\nCeiling of any flow (the key frame's detections and scores, moved "
                + "exactly as the per-frame detector sees their objects move), person AP / mAP(>=" + MIN_GROUND_TRUTH
                + "):");
        for (int l : intervals) {
            Map<Integer, AveragePrecision.ClassAp> ap = AveragePrecision.perClass(gt.frames(),
                    MotionCeiling.at(l).propagate(perFrame), 0.5);
            sb.append(String.format(Locale.ROOT, "  l=%d %.1f / %.1f", l, 100 * EvalReport.ap(ap, "person"),
                    100 * AveragePrecision.mean(ap, MIN_GROUND_TRUTH)));
        }
        return sb.append('\n').toString();
    }

    /** "dff,hold" -> [dff, hold]; each one of {@link #MODES}. */
    static List<String> parseModes(String text) throws Main.UsageException {
        List<String> modes = List.of(text.split(","));
        if (!MODES.containsAll(modes)) {
            throw new Main.UsageException("--modes takes dff, track, hold separated by commas, got " + modes);
        }
        return modes;
    }

    /** Person AP against speed-up over frame, one curve per mode and flow, each point labelled with its interval. */
    static void chart(EvalReport report, Path png) throws java.io.IOException {
        List<String> curves = new ArrayList<>();
        for (EvalReport.Row r : report.rows()) {
            if (!curves.contains(r.curve())) {
                curves.add(r.curve());
            }
        }
        List<Chart.Point> points = new ArrayList<>();
        for (EvalReport.Row r : report.rows()) {
            double ap = EvalReport.ap(r, "person");
            if (!Double.isNaN(ap)) {
                String label = r.adaptive() ? String.format(Locale.ROOT, "k=%.2f", r.keyRate()) : "l=" + r.interval();
                points.add(new Chart.Point(label, r.costSpeedup(), 100 * ap,
                        curves.indexOf(r.curve())));
            }
        }
        Chart.curves(png, "person AP@0.5 against per-frame detections vs speed-up",
                "speed-up over frame: l / (1 + (l - 1) r), r measured in each run", "person AP", points, curves);
    }

    private static EvalReport.Row row(String mode, String flow, int l, Reference gt, Run run,
            double frameFps) {
        Map<Integer, AveragePrecision.ClassAp> ap = ap(mode, flow, l, gt, run);
        double r = l == 1 ? 1 : run.nonKeyMs() / run.keyMs();
        return new EvalReport.Row(mode, flow, l, ap, AveragePrecision.mean(ap, MIN_GROUND_TRUTH), run.engineFps(),
                run.engineFps() / frameFps, r, org.gstdff.eval.BenchReport.bound(l, r), run.keyRate(), false);
    }

    /** A dff row with adaptive key frames: the speed-up at the key rate the run achieved. */
    private static EvalReport.Row adaptiveRow(String flow, int longest, Reference gt, Run run,
            double frameFps) {
        Map<Integer, AveragePrecision.ClassAp> ap = ap("dff adaptive", flow, longest, gt, run);
        double r = run.nonKeyMs() / run.keyMs();
        return new EvalReport.Row("dff", flow, longest, ap, AveragePrecision.mean(ap, MIN_GROUND_TRUTH),
                run.engineFps(), run.engineFps() / frameFps, r, EvalReport.speedupAtKeyRate(run.keyRate(), r),
                run.keyRate(), true);
    }

    private static Map<Integer, AveragePrecision.ClassAp> ap(String mode, String flow, int l,
            Reference gt, Run run) {
        // the runs are the same clip from its first frame: the frames compared are those up to the first whose
        // timestamps differ (a frame that is not the reference's is never compared with it)
        int n = sameFrames(gt.timestamps(), run.timestamps());
        if (n == 0) {
            throw new IllegalStateException(mode + " " + flow + " l=" + l + ": no frame to compare: its first "
                    + "timestamps " + run.timestamps().subList(0, Math.min(3, run.timestamps().size()))
                    + " are not the reference run's " + gt.timestamps().subList(0, Math.min(3,
                    gt.timestamps().size())));
        }
        if (n != gt.frames().size() || n != run.frames().size()) {
            System.err.printf("  (%s %s l=%d: %d frames against %d of the reference; comparing the first %d, whose "
                    + "timestamps agree)%n", mode, flow, l, run.frames().size(), gt.frames().size(), n);
        }
        return AveragePrecision.perClass(gt.frames().subList(0, n), run.frames().subList(0, n), 0.5);
    }

    /** How many leading frames two runs have with the same timestamps. */
    static int sameFrames(List<Long> a, List<Long> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        return n;
    }

    /** One pass over the video with every candidate kept (threshold 0), so AP sees the whole ranking. */
    private static Run run(Path video, Path model, int maxFrames, String props, int l) throws Exception {
        String desc = VideoSource.rgb(video, maxFrames) + "dff name=d model=\"" + model + "\" " + props
                + " key-interval=" + l + " threshold=0 ! fakesink";
        try (PipelineLauncher launcher = PipelineLauncher.build(desc)) {
            DffElement d = (DffElement) launcher.elements().get("d");
            DetectionTap tap = DetectionTap.on(d);
            if (launcher.run(0, null) != PipelineLauncher.Outcome.EOS) {
                throw new IllegalStateException(launcher.error());
            }
            List<List<Detection>> frames = tap.frames();
            List<Long> timestamps = tap.timestamps();
            System.err.printf("%s l=%d: %d frames, %.1f fps engine%n", props, l, frames.size(),
                    d.stats().engineFps());
            DffEngine e = d.engine();
            long keys = tap.keyFrames().stream().filter(k -> k).count();
            return new Run(frames, timestamps, d.stats().engineFps(), e.models().scoreThreshold(),
                    e.stats(Stage.KEY_FRAME).quantileMillis(0.5), e.stats(Stage.NON_KEY_FRAME).count() == 0
                            ? Double.NaN : e.stats(Stage.NON_KEY_FRAME).quantileMillis(0.5),
                    (double) keys / Math.max(1, frames.size()));
        }
    }

    /** "1,2,5" -> [1, 2, 5]; each at least 1. */
    static List<Integer> parseIntervals(String text) throws Main.UsageException {
        List<Integer> l = new ArrayList<>();
        for (String s : text.split(",")) {
            try {
                int v = Integer.parseInt(s.trim());
                if (v >= 1) {
                    l.add(v);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new Main.UsageException("--intervals expects key intervals >= 1 separated by commas, got '" + text
                    + "'");
        }
        return l;
    }

    /** "0.2,0.1" -> [0.2, 0.1]; each in (0, 1). */
    static List<Double> parseKeyRates(String text) throws Main.UsageException {
        List<Double> l = new ArrayList<>();
        for (String s : text.split(",")) {
            try {
                double v = Double.parseDouble(s.trim());
                if (v > 0 && v < 1) {
                    l.add(v);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new Main.UsageException("--key-rates expects key frames per frame in (0, 1) separated by commas, "
                    + "got '" + text + "'");
        }
        return l;
    }
}
