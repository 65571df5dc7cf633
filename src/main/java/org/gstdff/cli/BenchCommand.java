package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.freedesktop.gstreamer.Element;
import org.gstdff.core.Json;
import org.gstdff.core.LatencyStats;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Stage;
import org.gstdff.eval.BenchReport;
import org.gstdff.eval.Chart;
import org.gstdff.gst.DffDefaults;
import org.gstdff.gst.DffElement;
import org.gstdff.gst.FrameTimer;
import org.gstdff.gst.PipelineLauncher;
import org.gstdff.model.FlowPrecision;

/**
 * {@code dff bench [VIDEO] [--frames N] [--intervals 5,10,20] [--modes dff,track,hold] [--flows FLOW,...]
 * [--model DIR] [--threads N] [--warm-up N] [--out DIR]}: in one run, side by side, decoding alone and {@code dff}
 * in frame mode, then in each mode at each interval (dff and track with each flow), each over the same first N
 * frames after each configuration's untimed warm-up ({@link RunPlan}); per-stage
 * latency, engine-only and pipeline fps, r, the bound and the share of it reached, peak RSS. Prints a table, writes
 * bench.json and bench.png.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Per-stage latency, engine and pipeline "
        + "fps, r and the bound, side by side in one run: table, bench.json, bench.png.")
final class BenchCommand implements Callable<Integer> {

    /** The DIS flow the measuring commands compare by default (the element's own defaults are chosen from them). */
    static final String DEFAULT_DIS = "dis:ultrafast:512";

    @Parameters(arity = "0..1", paramLabel = "VIDEO", description = "default: .cache/media/vtest.avi")
    Path videoArg;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "300", description = "default: ${DEFAULT-VALUE}")
    int frames;

    @Option(names = "--intervals", paramLabel = "L,...", defaultValue = "5,10,20",
            description = "key intervals (default: ${DEFAULT-VALUE})")
    String intervalsText;

    @Option(names = "--modes", paramLabel = "MODE,...", defaultValue = "dff",
            description = "dff, track, hold (default: ${DEFAULT-VALUE})")
    String modesText;

    @Option(names = "--flows", paramLabel = "FLOW,...", defaultValue = DEFAULT_DIS,
            description = "model[@float32|@bfloat16] (flow-precision) or dis:PRESET[:WIDTH], then +lk or +none "
                    + "(flow-refine), then :chain or :direct "
                    + "(flow-path) (default: ${DEFAULT-VALUE})")
    String flowsText;

    @Option(names = "--model", paramLabel = "DIR", description = "model set (default: the default set)")
    String model;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "TensorFlow threads, 0: the element's default")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench", description = "default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "" + RunPlan.DEFAULT_WARM_UP,
            description = RunPlan.WARM_UP_HELP)
    int warmUp;

    @Option(names = "--streams", paramLabel = "N,...", description = "instead: N copies of the clip through one "
            + "process, each paced at the clip's rate into its own dff (live-policy=drop), staggered and not, with "
            + "the first of --modes and --flows at the first of --intervals: fps, drops, latency in dff, RSS "
            + "(streams.json)")
    String streamsText;

    @Option(names = "--side-by-side", description = "instead: per mode and interval one run in which each non-key "
            + "frame's flow is estimated by each of --flows in turn (the order rotated frame by frame, the first's "
            + "field used): each flow's median and, frame by frame against the first, the median difference with its "
            + "95%% confidence interval, ratio and share faster (side_by_side.json)")
    boolean sideBySide;

    @Option(names = "--max-queue", paramLabel = "N", defaultValue = "2", description = "with --streams: frames that "
            + "may wait in each dff (its max-queue; default: ${DEFAULT-VALUE})")
    int maxQueue;

    @Override
    public Integer call() throws Exception {
        Path video = videoArg != null ? videoArg : DffDefaults.home().resolve(".cache/media/vtest.avi");
        List<Integer> intervals = EvalCommand.parseIntervals(intervalsText);
        List<String> modes = EvalCommand.parseModes(modesText);
        List<FlowOption> flows = FlowOption.parseList(flowsText);
        if (frames < 1) {
            throw new Main.UsageException("--frames expects at least 1, got " + frames);
        }
        RunPlan.checkWarmUp(warmUp);
        if (sideBySide && streamsText != null) {
            throw new Main.UsageException("--side-by-side and --streams are two different runs: give one");
        }
        if (streamsText != null) {
            if (!Files.isRegularFile(video)) {
                throw new Main.UsageException("no such video: " + video);
            }
            if (maxQueue < 1) {
                throw new Main.UsageException("--max-queue expects at least 1, got " + maxQueue);
            }
            // the first mode and flow at the first interval (frame mode heads the plan); one stream of it warms the
            // code every stream runs
            RunPlan.Config streamed = RunPlan.of(intervals.subList(0, 1), modes.subList(0, 1), flows.subList(0, 1))
                    .get(1);
            RunPlan.warmUp(List.of(streamed), Math.min(warmUp, frames),
                    (c, n) -> run(video, n, model, threads, c, new LatencyStats()));
            List<StreamsBench.Row> rows = StreamsBench.run(video, frames, EvalCommand.parseIntervals(streamsText),
                    streamed, model, threads, maxQueue);
            System.out.print(StreamsBench.table(rows));
            Files.createDirectories(out);
            Files.writeString(out.resolve("streams.json"), Json.writePretty(StreamsBench.toJson(rows)));
            System.out.println("written to " + out.resolve("streams.json"));
            return 0;
        }
        if (!Files.isRegularFile(video)) {
            throw new Main.UsageException("no such video: " + video);
        }
        if (sideBySide) {
            SideBySideBench.check(modes, flows);
            List<SideBySideBench.Row> rows = SideBySideBench.run(video, frames, Math.min(warmUp, frames), intervals,
                    modes, flows, model, threads);
            System.out.print(SideBySideBench.table(rows));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("video", video.toString());
            json.put("frames", frames);
            json.put("warm_up_frames", warmUp);
            json.put("flow_precision_auto", FlowPrecision.AUTO.resolve().nick());
            json.putAll(SideBySideBench.toJson(rows));
            Files.createDirectories(out);
            Files.writeString(out.resolve("side_by_side.json"), Json.writePretty(json));
            System.out.println("written to " + out.resolve("side_by_side.json"));
            return 0;
        }
        BenchReport report = new BenchReport();
        report.put("video", video.toString());
        report.put("frames", frames);
        report.put("model", model == null ? DffDefaults.defaultModel().toString() : model);
        report.put("threads", threads);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("warm_up_frames", warmUp);
        report.put("flow_precision_auto", FlowPrecision.AUTO.resolve().nick()); // what model and model@auto ran as
        LatencyStats decode = decodeOnly(video, frames);
        System.err.printf("decode + convert alone: median %.2f ms%n", decode.quantileMillis(0.5));
        List<RunPlan.Config> plan = RunPlan.of(intervals, modes, flows);
        RunPlan.warmUp(plan, Math.min(warmUp, frames), (c, n) -> run(video, n, model, threads, c, decode));
        for (RunPlan.Config c : plan) {
            report.add(run(video, frames, model, threads, c, decode));
        }
        report.put("peak_rss_mb", ProcessMemory.peakRssKb() / 1024.0);
        System.out.print(report.table());
        System.out.printf(Locale.ROOT, "peak RSS %.0f MB%n", ProcessMemory.peakRssKb() / 1024.0);
        Files.createDirectories(out);
        Files.writeString(out.resolve("bench.json"), Json.writePretty(report.toJson()));
        chart(report, out.resolve("bench.png"));
        System.out.println("written to " + out.resolve("bench.json") + " and " + out.resolve("bench.png"));
        return 0;
    }

    /** Decoding and conversion to RGB alone: the interval between frames at the sink is their cost. */
    private static LatencyStats decodeOnly(Path video, int frames) throws Exception {
        try (PipelineLauncher l = PipelineLauncher.build(VideoSource.rgb(video, frames) + "fakesink name=sink sync=false")) {
            FrameTimer t = FrameTimer.onSink(l.pipeline().getElementByName("sink"), null);
            check(l, l.run(0, null));
            return t.intervals();
        }
    }

    private static BenchReport.Run run(Path video, int frames, String model, int threads, RunPlan.Config c,
            LatencyStats decode) throws Exception {
        String props = c.properties();
        int l = c.interval();
        String desc = VideoSource.rgb(video, frames) + "dff name=d " + props + " key-interval=" + l + " threads="
                + threads + (model == null ? "" : " model=\"" + model + "\"") + " ! fakesink name=sink sync=false";
        try (PipelineLauncher launcher = PipelineLauncher.build(desc)) {
            DffElement d = (DffElement) launcher.elements().get("d");
            Element sink = launcher.pipeline().getElementByName("sink");
            FrameTimer push = FrameTimer.onSink(sink, d);
            check(launcher, launcher.run(0, null));
            DffEngine e = d.engine();
            Map<String, BenchReport.Latency> st = new LinkedHashMap<>();
            st.put("decode", latency(decode));
            for (Stage s : Stage.values()) {
                if (e.stats(s).count() > 0) {
                    st.put(s == Stage.FRAME_TOTAL ? "engine" : s.name().toLowerCase(Locale.ROOT), latency(e.stats(s)));
                }
            }
            st.put("metadata", latency(d.metadataStats()));
            st.put("push", latency(push.sinceDff()));
            DffElement.Stats s = d.stats();
            System.err.printf("%s l=%d: %d frames, %.1f fps pipeline, %.1f fps engine%n", props, l, s.frames(),
                    s.fps(), s.engineFps());
            return new BenchReport.Run(c.mode(), c.flow(), l, s.frames(), s.engineFps(), s.fps(), st);
        }
    }

    private static BenchReport.Latency latency(LatencyStats s) {
        return new BenchReport.Latency(s.quantileMillis(0.5), s.quantileMillis(0.95), s.count());
    }

    private static void check(PipelineLauncher l, PipelineLauncher.Outcome o) {
        if (o != PipelineLauncher.Outcome.EOS) {
            throw new IllegalStateException("benchmark pipeline failed: " + l.error());
        }
    }

    private static void chart(BenchReport report, Path png) throws IOException {
        List<String> cats = new ArrayList<>();
        List<BenchReport.Run> runs = report.runs();
        double[] engine = new double[runs.size()];
        double[] pipe = new double[runs.size()];
        double[] bound = new double[runs.size()];
        double frameFps = report.frameRun().pipelineFps();
        for (int i = 0; i < runs.size(); i++) {
            BenchReport.Run r = runs.get(i);
            cats.add(BenchReport.label(r));
            engine[i] = r.engineFps();
            pipe[i] = r.pipelineFps();
            bound[i] = r.mode().equals("frame") ? frameFps
                    : frameFps * BenchReport.bound(r.interval(), report.r(r));
        }
        Chart.bars(png, "dff throughput, " + report.runs().get(0).frames() + " frames", "frames per second", cats,
                List.of(new Chart.Series("engine only", engine), new Chart.Series("pipeline", pipe)), bound,
                "compute bound");
    }
}
