package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gstdff.core.Detection;
import org.gstdff.core.Json;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Stage;
import org.gstdff.eval.AveragePrecision;
import org.gstdff.eval.BenchReport;
import org.gstdff.eval.EvalReport;
import org.gstdff.gst.DetectionTap;
import org.gstdff.gst.DffDefaults;
import org.gstdff.gst.DffElement;
import org.gstdff.gst.PipelineLauncher;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.ModelSetException;
import org.gstdff.model.imports.DetectorImporter;
import org.gstdff.model.imports.DetectorPresets;
import org.gstdff.train.FlowModelWriter;

/**
 * {@code dff splits [--frames N] [--flow FLOW] [--out FILE.json]}: imports each reachable detector at each candidate
 * split point (with the committed flow network installed) and measures on the first N frames of vtest.avi: the
 * median cost of N_feat and N_task (a frame run), of the flow and the warp, of a whole non-key frame with the DIS
 * flow, r = non-key frame / key frame, the bound {@code l / (1 + (l - 1) r)} at l = 10, and person AP@0.5 against the
 * split's own frame run at l = 5 and 10, with the set's flow network and with DIS.
 */
@Command(name = "splits", mixinStandardHelpOptions = true, description = "Import the detector at each candidate "
        + "split and measure each: feature / task / warp cost, r, the bound and person AP at l=5 and l=10.")
final class SplitsCommand implements Callable<Integer> {

    record Row(String detector, String split, String map, double mapMb, double feat, double task, double flowNet,
            double flowDis, double warp, double r, double bound, double[] apModel, double[] apDis, String note) {
    }

    private record Run(DffEngine engine, List<List<Detection>> frames, float threshold) {
    }

    @Option(names = "--frames", paramLabel = "N", defaultValue = "100", description = "frames of vtest.avi "
            + "(default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--flow", paramLabel = "dis:PRESET[:WIDTH]", converter = FlowOption.Converter.class,
            description = "the DIS flow to measure beside the set's (default: " + BenchCommand.DEFAULT_DIS + ")")
    FlowOption dis;

    @Option(names = "--out", paramLabel = "FILE.json", description = "default: out/splits.json")
    Path out;

    @Override
    public Integer call() throws Exception {
        FlowOption dis = this.dis != null ? this.dis : FlowOption.parse(BenchCommand.DEFAULT_DIS);
        Path json = out != null ? out : DffDefaults.home().resolve("out/splits.json");
        if (frames < 1) {
            throw new Main.UsageException("--frames expects at least 1, got " + frames);
        }
        Path cache = DffDefaults.home().resolve(".cache");
        Path video = cache.resolve("media/vtest.avi");
        Path work = Files.createTempDirectory("dff-splits");
        List<Row> rows = new ArrayList<>();
        for (String split : DetectorPresets.CENTERNET_SPLITS) {
            rows.add(measure(DetectorPresets.centernet(cache.resolve("npm/human-models/centernet.json"), split), work,
                    video, frames, dis));
        }
        for (String split : DetectorPresets.SSD_SPLITS) {
            rows.add(measure(DetectorPresets.ssd(cache.resolve("ssd/saved_model"),
                    cache.resolve("ssd/mscoco_label_map.pbtxt"), split), work, video, frames, dis));
        }
        System.out.println("| detector | split | map h x w x C | map MB | N_feat ms | N_task ms | flow net ms | "
                + dis + " ms | warp ms | r (" + dis + ") | bound l=10 | person AP l=5 / 10, flow net | "
                + "person AP l=5 / 10, " + dis + " | note |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<Object> out = new ArrayList<>();
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | `%s` | %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.3f | %.2fx "
                    + "| %.1f / %.1f | %.1f / %.1f | %s |%n", r.detector(), r.split(), r.map(), r.mapMb(), r.feat(),
                    r.task(), r.flowNet(), r.flowDis(), r.warp(), r.r(), r.bound(), 100 * r.apModel()[0],
                    100 * r.apModel()[1], 100 * r.apDis()[0], 100 * r.apDis()[1], r.note());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("detector", r.detector());
            m.put("split", r.split());
            m.put("map", r.map());
            m.put("map_mb", r.mapMb());
            m.put("feature_ms", r.feat());
            m.put("task_ms", r.task());
            m.put("flow_network_ms", r.flowNet());
            m.put("flow_dis_ms", r.flowDis());
            m.put("dis", dis.name());
            m.put("warp_ms", r.warp());
            m.put("r", r.r());
            m.put("bound_l10", r.bound());
            m.put("person_ap_flow_network", List.of(r.apModel()[0], r.apModel()[1]));
            m.put("person_ap_dis", List.of(r.apDis()[0], r.apDis()[1]));
            m.put("frames", frames);
            m.put("note", r.note());
            out.add(m);
        }
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, Json.writePretty(out));
        System.out.println("written to " + json);
        return 0;
    }

    private Row measure(DetectorImporter.Spec spec, Path work, Path video, int frames, FlowOption dis)
            throws Exception {
        Path dir = work.resolve(spec.name() + "-" + Math.abs(spec.split().hashCode()));
        ModelManifest m;
        try {
            m = DetectorImporter.write(spec, dir);
        } catch (ModelSetException e) {
            System.err.println(e.getMessage());
            double[] none = {Double.NaN, Double.NaN};
            return new Row(spec.name(), spec.split(), "-", 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, none, none,
                    "not a single-tensor cut: the task would recompute backbone layers from the image");
        }
        FlowModelWriter.install(DffDefaults.home().resolve("models/flow"), dir);
        String map = m.featureHeight() + "x" + m.featureWidth() + "x" + m.featureChannels();
        double mb = 4.0 * m.featureHeight() * m.featureWidth() * m.featureChannels() / 1e6;
        Run frame = run(dir, video, frames, "mode=frame");
        List<List<Detection>> gt = new ArrayList<>();
        for (List<Detection> f : frame.frames()) {
            gt.add(f.stream().filter(d -> d.confidence() >= frame.threshold()).toList());
        }
        double feat = frame.engine().stats(Stage.FEATURE).quantileMillis(0.5);
        double task = frame.engine().stats(Stage.TASK).quantileMillis(0.5);
        double key = frame.engine().stats(Stage.KEY_FRAME).quantileMillis(0.5);
        double[] apModel = new double[2];
        double[] apDis = new double[2];
        double flowNet = 0;
        double flowDis = 0;
        double warp = 0;
        double nonKey = 0;
        int[] intervals = {5, 10};
        for (int i = 0; i < 2; i++) {
            Run net = run(dir, video, frames, "mode=dff flow=model key-interval=" + intervals[i]);
            Run d = run(dir, video, frames, "mode=dff " + dis.properties() + " key-interval=" + intervals[i]);
            apModel[i] = personAp(gt, net.frames());
            apDis[i] = personAp(gt, d.frames());
            if (intervals[i] == 10) {
                flowNet = net.engine().stats(Stage.FLOW).quantileMillis(0.5);
                flowDis = d.engine().stats(Stage.FLOW).quantileMillis(0.5);
                warp = d.engine().stats(Stage.WARP).quantileMillis(0.5);
                nonKey = d.engine().stats(Stage.NON_KEY_FRAME).quantileMillis(0.5);
            }
        }
        double r = nonKey / key;
        String note = task > feat ? "head costs more than the backbone" : "";
        System.err.printf(Locale.ROOT, "%s @ %s: feature %.1f ms, task %.1f ms, non-key frame %.1f ms, person AP "
                + "l=5/10 %.1f/%.1f (flow net), %.1f/%.1f (%s)%n", spec.name(), spec.split(), feat, task, nonKey,
                100 * apModel[0], 100 * apModel[1], 100 * apDis[0], 100 * apDis[1], dis);
        return new Row(spec.name(), spec.split(), map, mb, feat, task, flowNet, flowDis, warp, r,
                BenchReport.bound(10, r), apModel, apDis, note);
    }

    private static double personAp(List<List<Detection>> gt, List<List<Detection>> frames) {
        int n = Math.min(gt.size(), frames.size());
        return EvalReport.ap(AveragePrecision.perClass(gt.subList(0, n), frames.subList(0, n), 0.5), "person");
    }

    /** One pass with every candidate kept (threshold 0). */
    private Run run(Path model, Path video, int frames, String props) throws Exception {
        String desc = VideoSource.rgb(video, frames) + "dff name=d model=\"" + model + "\" " + props
                + " threshold=0 ! fakesink";
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            DffElement d = (DffElement) l.elements().get("d");
            DetectionTap tap = DetectionTap.on(d);
            if (l.run(0, null) != PipelineLauncher.Outcome.EOS) {
                throw new IllegalStateException(l.error());
            }
            List<List<Detection>> got = tap.frames();
            // closing frees the engine's tensors; its latency statistics stay readable
            return new Run(d.engine(), got.size() > frames ? got.subList(0, frames) : got,
                    d.engine().models().scoreThreshold());
        }
    }
}
