package org.gstdff.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code ./dff bench} run: per configuration (frame; dff, track and hold at several key
 * intervals and flows) the per-stage latency, engine-only and pipeline fps; from them the measured cost ratio r of a
 * non-key frame (the engine's whole-frame time, median) to a key frame (the frame run's), the compute bound
 * {@code l / (1 + (l - 1) r)} and how much of it the pipeline reaches.
 */
public final class BenchReport {

    /** Median and 95th percentile of one stage, milliseconds. */
    public record Latency(double medianMs, double p95Ms, long count) {
    }

    /**
     * One configuration's run; {@code stages} in pipeline order (decode, ingest, feature, ...), including the
     * engine's whole-frame times {@code key_frame} and {@code non_key_frame}; {@code flow} names the flow ("-" where
     * none runs).
     */
    public record Run(String mode, String flow, int interval, long frames, double engineFps, double pipelineFps,
            Map<String, Latency> stages) {

        double median(String stage) {
            Latency l = stages.get(stage);
            return l == null ? 0 : l.medianMs();
        }
    }

    private final List<Run> runs = new ArrayList<>();
    private final Map<String, Object> context = new LinkedHashMap<>();

    public void add(Run r) {
        runs.add(r);
    }

    /** Free-form facts about the run (video, model, threads, peak RSS), written to the JSON as they are. */
    public void put(String key, Object value) {
        context.put(key, value);
    }

    public List<Run> runs() {
        return List.copyOf(runs);
    }

    /** DFF's speed-up bound over per-frame inference at key interval l for a cost ratio r. */
    public static double bound(int l, double r) {
        return l / (1 + (l - 1) * r);
    }

    /** The per-frame baseline run. */
    public Run frameRun() {
        return runs.stream().filter(r -> r.mode().equals("frame")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no frame run"));
    }

    /** Median cost of a key frame in the engine, from the per-frame run. */
    public double keyFrameMs() {
        return frameRun().median("key_frame");
    }

    /** r: a run's median non-key frame against the frame run's median key frame. */
    public double r(Run run) {
        return run.median("non_key_frame") / keyFrameMs();
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        List<String> stages = new ArrayList<>();
        for (Run r : runs) {
            for (String s : r.stages().keySet()) {
                if (!stages.contains(s)) {
                    stages.add(s);
                }
            }
        }
        sb.append("Per-stage latency, median / p95 ms (x calls):\n");
        sb.append(String.format(Locale.ROOT, "%-14s", "stage"));
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, " %24s", label(r)));
        }
        sb.append('\n');
        for (String s : stages) {
            sb.append(String.format(Locale.ROOT, "%-14s", s));
            for (Run r : runs) {
                Latency l = r.stages().get(s);
                sb.append(l == null || l.count() == 0 ? String.format(Locale.ROOT, " %24s", "-")
                        : String.format(Locale.ROOT, " %10.2f / %6.2f x%-4d", l.medianMs(), l.p95Ms(), l.count()));
            }
            sb.append('\n');
        }
        Run f = frameRun();
        sb.append(String.format(Locale.ROOT, "%nThroughput (frame: key frame %.1f ms)%n", keyFrameMs()));
        sb.append(String.format(Locale.ROOT, "%-30s %10s %10s %9s %6s %8s %10s %13s%n", "run", "engine fps",
                "pipe fps", "pipe/eng", "r", "bound", "speed-up", "of bound"));
        for (Run r : runs) {
            double speedup = r.pipelineFps() / f.pipelineFps();
            if (r.mode().equals("frame")) {
                sb.append(String.format(Locale.ROOT, "%-30s %10.1f %10.1f %8.0f%% %6s %8s %9.2fx %13s%n", label(r),
                        r.engineFps(), r.pipelineFps(), 100 * r.pipelineFps() / r.engineFps(), "-", "1.00x", speedup,
                        "-"));
            } else {
                double rr = r(r);
                double b = bound(r.interval(), rr);
                sb.append(String.format(Locale.ROOT, "%-30s %10.1f %10.1f %8.0f%% %6.3f %7.2fx %9.2fx %12.0f%%%n",
                        label(r), r.engineFps(), r.pipelineFps(), 100 * r.pipelineFps() / r.engineFps(), rr, b,
                        speedup, 100 * speedup / b));
            }
        }
        return sb.toString();
    }

    /** "frame", "hold l=10", "dff dis:ultrafast:512 l=10". */
    public static String label(Run r) {
        return r.mode().equals("frame") ? "frame"
                : r.mode() + (r.flow().equals("-") ? "" : " " + r.flow()) + " l=" + r.interval();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>(context);
        m.put("key_frame_ms", keyFrameMs());
        List<Object> rs = new ArrayList<>();
        Run f = frameRun();
        for (Run r : runs) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("mode", r.mode());
            o.put("flow", r.flow());
            o.put("key_interval", r.interval());
            o.put("frames", r.frames());
            o.put("engine_fps", r.engineFps());
            o.put("pipeline_fps", r.pipelineFps());
            o.put("speedup_over_frame", r.pipelineFps() / f.pipelineFps());
            if (!r.mode().equals("frame")) {
                double rr = r(r);
                o.put("r", rr);
                o.put("bound", bound(r.interval(), rr));
                o.put("of_bound", r.pipelineFps() / f.pipelineFps() / bound(r.interval(), rr));
            }
            Map<String, Object> st = new LinkedHashMap<>();
            r.stages().forEach((k, v) -> st.put(k, Map.of("median_ms", v.medianMs(), "p95_ms", v.p95Ms(), "count",
                    v.count())));
            o.put("stages", st);
            rs.add(o);
        }
        m.put("runs", rs);
        return m;
    }
}
