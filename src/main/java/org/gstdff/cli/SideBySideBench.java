package org.gstdff.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gstdff.engine.FeatureNet;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameIngest;
import org.gstdff.engine.ModelSet;
import org.gstdff.engine.TaskNet;
import org.gstdff.eval.PairedTimes;
import org.gstdff.eval.SideBySideFlows;
import org.gstdff.gst.DffElement;
import org.gstdff.gst.DffSettings;
import org.gstdff.gst.PipelineLauncher;
import org.gstdff.model.SharedModelSets;

/**
 * {@code dff bench --side-by-side}: for each mode with a flow and each interval, one run of the clip in which every
 * non-key frame's flow is estimated by each of the flows in turn, the order rotated frame by frame
 * ({@link SideBySideFlows}); the first flow's field is the one used. Per flow the estimate's median and 95th
 * percentile, its medians on the frames where it ran first and where it ran after another, and against the first
 * flow frame by frame: the median difference with its 95% confidence interval, the median ratio and the share of
 * frames on which it was faster. Separate runs on this machine spread by more than the gaps between flows; estimates
 * timed back to back on the same frames do not.
 */
final class SideBySideBench {

    /** One mode and interval's comparison. */
    record Row(String mode, int interval, List<PairedTimes.Comparison> flows) {
    }

    private SideBySideBench() {
    }

    /** Refuses what a side-by-side run cannot do, before anything loads. */
    static void check(List<String> modes, List<FlowOption> flows) throws Main.UsageException {
        if (flows.size() < 2) {
            throw new Main.UsageException("--side-by-side compares two flows or more: give them in --flows, e.g. "
                    + "--flows model," + BenchCommand.DEFAULT_DIS);
        }
        if (modes.stream().allMatch(m -> m.equals("hold"))) {
            throw new Main.UsageException("--side-by-side times flows: give dff or track in --modes (hold has none)");
        }
    }

    static List<Row> run(Path video, int frames, int warmUp, List<Integer> intervals, List<String> modes,
            List<FlowOption> flows, String model, int threads) throws Exception {
        List<Row> rows = new ArrayList<>();
        boolean warm = warmUp == 0;
        for (int l : intervals) {
            for (String mode : modes) {
                if (mode.equals("hold")) {
                    continue;
                }
                if (!warm) {
                    System.err.printf("warming up: %s side by side over %d frames%n", mode, warmUp);
                    run(video, warmUp, mode, l, flows, model, threads);
                    warm = true;
                }
                PairedTimes times = run(video, frames, mode, l, flows, model, threads);
                if (times.calls() == 0) {
                    throw new Main.UsageException("--side-by-side: no frame between key frames in " + frames
                            + " frames at l=" + l + ", so no flow to time: give more --frames or a longer interval");
                }
                rows.add(new Row(mode, l, times.compare()));
            }
        }
        return rows;
    }

    private static PairedTimes run(Path video, int frames, String mode, int l, List<FlowOption> flows, String model,
            int threads) throws Exception {
        String desc = VideoSource.rgb(video, frames) + "dff name=d mode=" + mode + " " + flows.get(0).properties()
                + " key-interval=" + l + " threads=" + threads + (model == null ? "" : " model=\"" + model + "\"")
                + " ! fakesink sync=false";
        try (PipelineLauncher launcher = PipelineLauncher.build(desc, Map.of("d", name -> new DffElement(name,
                (dir, s) -> open(dir, s, flows))))) {
            if (launcher.run(0, null) != PipelineLauncher.Outcome.EOS) {
                throw new IllegalStateException("side-by-side pipeline failed: " + launcher.error());
            }
            DffElement d = (DffElement) launcher.elements().get("d");
            DffElement.Stats s = d.stats();
            System.err.printf("%s l=%d side by side: %d frames, %.1f fps pipeline%n", mode, l, s.frames(), s.fps());
            return ((SideBySideFlows) d.engine().models().flow()).times();
        }
    }

    /**
     * The stream's set for the first flow (the element's settings) with a set of its own for each other flow, all
     * on the same networks where they share them; each flow's path as the element would resolve it, the same for
     * all (the first's chain of frames is the one the stream keeps).
     */
    private static ModelSet open(Path dir, DffSettings s, List<FlowOption> flows) {
        List<ModelSet> sets = new ArrayList<>();
        try {
            for (FlowOption f : flows) {
                ModelSet set = SharedModelSets.open(dir, s.device(), s.threads(), f.precision(), f.dis(), f.refine());
                sets.add(set);
                boolean chains = f.path().equals("chain")
                        || (f.path().equals("auto") && (f.dis() != null || set.flowNetworkChains()));
                if (chains != s.chainFlow(sets.get(0).flowNetworkChains())) {
                    throw new IllegalArgumentException("--side-by-side runs one flow path for all flows: " + f.name()
                            + (chains ? " chains frame to frame" : " goes straight to the key frame") + ", "
                            + flows.get(0).name() + " does not; give :chain or :direct to each");
                }
            }
        } catch (RuntimeException e) {
            sets.forEach(ModelSet::close);
            throw e;
        }
        return new Sets(sets, new SideBySideFlows(sets.stream().map(ModelSet::flow).toList(),
                flows.stream().map(FlowOption::name).toList()));
    }

    /** The first set with its flow timed beside the others'; closing closes them all. */
    private record Sets(List<ModelSet> sets, SideBySideFlows flows) implements ModelSet {
        @Override
        public FrameIngest ingest() {
            return sets.get(0).ingest();
        }

        @Override
        public FeatureNet feature() {
            return sets.get(0).feature();
        }

        @Override
        public FlowNet flow() {
            return flows;
        }

        @Override
        public TaskNet task() {
            return sets.get(0).task();
        }

        @Override
        public List<String> labels() {
            return sets.get(0).labels();
        }

        @Override
        public float scoreThreshold() {
            return sets.get(0).scoreThreshold();
        }

        @Override
        public float scoreFloor() {
            return sets.get(0).scoreFloor();
        }

        @Override
        public boolean flowNetworkChains() {
            return sets.get(0).flowNetworkChains();
        }

        @Override
        public String describe() {
            return sets.get(0).describe() + ", timed side by side with "
                    + String.join(", ", flows.times().names().subList(1, flows.times().names().size()));
        }

        @Override
        public void close() {
            sets.forEach(ModelSet::close);
        }
    }

    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-6s %4s %-28s %6s %9s %9s %9s %9s %28s %7s %6s%n", "mode", "l", "flow",
                "calls", "median", "p95", "if first", "if later", "minus the first (95% CI)", "ratio", "faster"));
        for (Row r : rows) {
            for (PairedTimes.Comparison c : r.flows()) {
                boolean first = c == r.flows().get(0);
                b.append(String.format(Locale.ROOT, "%-6s %4d %-28s %6d %6.2f ms %6.2f ms %6.2f ms %6.2f ms %28s %7s %6s%n",
                        r.mode(), r.interval(), c.name(), c.calls(), c.medianMs(), c.p95Ms(), c.medianWhenFirstMs(),
                        c.medianWhenLaterMs(), first ? "" : String.format(
                                Locale.ROOT, "%+.3f ms (%+.3f, %+.3f)", c.medianDifferenceMs(), c.differenceLowMs(),
                                c.differenceHighMs()), first ? "" : String.format(Locale.ROOT, "%.3fx",
                                c.medianRatio()), first ? "" : String.format(Locale.ROOT, "%.0f%%",
                                100 * c.fasterShare())));
            }
        }
        return b.toString();
    }

    static Map<String, Object> toJson(List<Row> rows) {
        List<Object> out = new ArrayList<>();
        for (Row r : rows) {
            for (PairedTimes.Comparison c : r.flows()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("mode", r.mode());
                o.put("key_interval", r.interval());
                o.put("flow", c.name());
                o.put("calls", c.calls());
                o.put("median_ms", c.medianMs());
                o.put("p95_ms", c.p95Ms());
                o.put("median_when_first_ms", c.medianWhenFirstMs());
                o.put("median_when_later_ms", c.medianWhenLaterMs());
                o.put("minus_first_median_ms", c.medianDifferenceMs());
                o.put("minus_first_ci95_ms", List.of(c.differenceLowMs(), c.differenceHighMs()));
                o.put("ratio_to_first_median", c.medianRatio());
                o.put("faster_than_first_share", c.fasterShare());
                out.add(o);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("side_by_side", out);
        return m;
    }
}
