package org.gstdff.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.gstdff.gst.DffElement;
import org.gstdff.gst.PipelineLauncher;

/**
 * {@code dff bench --streams 1,2,4,8}: N copies of the clip through one process, each paced at the clip's own frame
 * rate (as N cameras are) into its own {@code dff} (one mode and flow) with {@code live-policy=drop}, with staggered
 * key frames and without: aggregate and per-stream fps, frames dropped, latency inside {@code dff} (queue wait and inference,
 * p50 / p95 over all streams' frames) and the process's resident memory while they run.
 */
final class StreamsBench {

    /** One configuration's result; {@code run}: the mode and flow, as the bench's other tables name them. */
    record Row(String run, String properties, int streams, boolean staggered, int interval, long frames, long dropped,
            double aggregateFps,
            double perStreamFps, double latencyP50Ms, double latencyP95Ms, double rssMb) {
    }

    private StreamsBench() {
    }

    /** @param config the mode, flow and interval every stream's {@code dff} runs */
    static List<Row> run(Path video, int frames, List<Integer> streams, RunPlan.Config config, String model,
            int threads, int maxQueue) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int n : streams) {
            for (boolean stagger : List.of(true, false)) {
                rows.add(run(video, frames, n, stagger, config, model, threads, maxQueue));
            }
        }
        return rows;
    }

    private static Row run(Path video, int frames, int n, boolean stagger, RunPlan.Config config, String model,
            int threads, int maxQueue) throws Exception {
        int interval = config.interval();
        StringBuilder desc = new StringBuilder();
        for (int i = 0; i < n; i++) {
            // identity sync=true paces each copy at the clip's rate, as a camera delivers it
            desc.append(VideoSource.rgb(video, frames)).append("identity sync=true ! dff name=d").append(i)
                    .append(' ').append(config.properties()).append(" key-interval=").append(interval).append(" max-queue=").append(maxQueue)
                    .append(" live-policy=drop stagger-keys=")
                    .append(stagger).append(" threads=").append(threads)
                    .append(model == null ? "" : " model=\"" + model + "\"").append(" ! fakesink sync=false ");
        }
        AtomicLong peakRss = new AtomicLong();
        try (PipelineLauncher l = PipelineLauncher.build(desc.toString())) {
            for (int i = 0; i < n; i++) {
                ((DffElement) l.elements().get("d" + i)).prepare(); // models load before the clock starts
            }
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakRss.accumulateAndGet(ProcessMemory.rssKb(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
            PipelineLauncher.Outcome o = l.run(0, null);
            sampler.interrupt();
            if (o != PipelineLauncher.Outcome.EOS) {
                throw new IllegalStateException("streams benchmark failed: " + l.error());
            }
            long processed = 0;
            long dropped = 0;
            double fpsSum = 0;
            org.gstdff.core.LatencyStats all = new org.gstdff.core.LatencyStats();
            for (int i = 0; i < n; i++) {
                DffElement d = (DffElement) l.elements().get("d" + i);
                DffElement.Stats s = d.stats();
                processed += s.frames();
                dropped += s.dropped();
                fpsSum += s.fps();
                all.addAll(d.latencyStats());
            }
            Row r = new Row(config.name(), config.properties(), n, stagger, interval, processed, dropped, fpsSum, fpsSum / n, all.quantileMillis(0.5),
                    all.quantileMillis(0.95), peakRss.get() / 1024.0);
            System.err.printf(Locale.ROOT, "%s, %d streams, %s: %d frames, %d dropped, %.1f fps, latency p50 %.1f ms "
                    + "p95 %.1f ms, RSS %.0f MB%n", r.run(), n, stagger ? "staggered" : "not staggered", processed, dropped,
                    fpsSum, r.latencyP50Ms(), r.latencyP95Ms(), r.rssMb());
            return r;
        }
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%-30s %7s %-13s %4s %8s %8s %10s %10s %9s %9s %8s%n", "run", "streams", "key frames", "l", "frames", "dropped", "fps (all)", "fps/stream", "p50 ms", "p95 ms",
                "RSS MB"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-30s %7d %-13s %4d %8d %8d %10.1f %10.1f %9.1f %9.1f %8.0f%n",
                    r.run(), r.streams(), r.staggered() ? "staggered" : "aligned", r.interval(), r.frames(), r.dropped(),
                    r.aggregateFps(), r.perStreamFps(), r.latencyP50Ms(), r.latencyP95Ms(), r.rssMb()));
        }
        return sb.toString();
    }

    static List<Object> toJson(List<Row> rows) {
        List<Object> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", r.run());
            m.put("properties", r.properties());
            m.put("streams", r.streams());
            m.put("staggered", r.staggered());
            m.put("key_interval", r.interval());
            m.put("frames", r.frames());
            m.put("dropped", r.dropped());
            m.put("fps_all_streams", r.aggregateFps());
            m.put("fps_per_stream", r.perStreamFps());
            m.put("latency_p50_ms", r.latencyP50Ms());
            m.put("latency_p95_ms", r.latencyP95Ms());
            m.put("rss_mb", r.rssMb());
            out.add(m);
        }
        return out;
    }
}
