package org.gstdff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gstdff.core.Json;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Stage;
import org.gstdff.gst.DffDefaults;
import org.gstdff.gst.DffElement;
import org.gstdff.gst.PipelineLauncher;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.ModelSetException;
import org.gstdff.model.imports.DetectorImporter;
import org.gstdff.model.imports.DetectorPresets;

/**
 * {@code dff splits [--frames N] [--out FILE.json]}: imports each reachable detector at each candidate split point
 * and measures, on real vtest.avi frames, the per-frame cost of N_feat (key frames), N_task (every frame) and the
 * warp of the split map, then the DFF cost ratio r = (warp + N_task) / (N_feat + N_task) and the speed-up bound
 * l / (1 + (l - 1) r) at l = 10. The flow network's own cost comes on top of r (zero flow here).
 */
final class SplitsCommand implements Main.Command {

    record Row(String detector, String split, String map, double mapMb, double feat, double task, double warp,
            double r, double bound, String note) {
    }

    @Override
    public int run(String[] args) throws Exception {
        int frames = 60;
        Path json = DffDefaults.home().resolve("out/splits.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--frames" -> frames = Integer.parseInt(args[++i]);
                case "--out" -> json = Path.of(args[++i]);
                default -> throw new Main.UsageException("usage: dff splits [--frames N] [--out FILE.json]");
            }
        }
        Path cache = DffDefaults.home().resolve(".cache");
        Path video = cache.resolve("media/vtest.avi");
        Path work = Files.createTempDirectory("dff-splits");
        List<Row> rows = new ArrayList<>();
        for (String split : DetectorPresets.CENTERNET_SPLITS) {
            rows.add(measure(DetectorPresets.centernet(cache.resolve("npm/human-models/centernet.json"), split), work,
                    video, frames));
        }
        for (String split : DetectorPresets.SSD_SPLITS) {
            rows.add(measure(DetectorPresets.ssd(cache.resolve("ssd/saved_model"),
                    cache.resolve("ssd/mscoco_label_map.pbtxt"), split), work, video, frames));
        }
        System.out.println("| detector | split tensor | map h x w x C | map MB | N_feat ms | N_task ms | warp ms "
                + "| r | bound l=10 | note |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        List<Object> out = new ArrayList<>();
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | `%s` | %s | %.1f | %.1f | %.1f | %.1f | %.3f | %.2fx | %s |%n",
                    r.detector(), r.split(), r.map(), r.mapMb(), r.feat(), r.task(), r.warp(), r.r(), r.bound(),
                    r.note());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("detector", r.detector());
            m.put("split", r.split());
            m.put("map", r.map());
            m.put("map_mb", r.mapMb());
            m.put("feature_ms", r.feat());
            m.put("task_ms", r.task());
            m.put("warp_ms", r.warp());
            m.put("r", r.r());
            m.put("bound_l10", r.bound());
            m.put("note", r.note());
            out.add(m);
        }
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, Json.writePretty(out));
        System.out.println("written to " + json);
        return 0;
    }

    private Row measure(DetectorImporter.Spec spec, Path work, Path video, int frames) throws Exception {
        Path dir = work.resolve(spec.name() + "-" + Math.abs(spec.split().hashCode()));
        ModelManifest m;
        try {
            m = DetectorImporter.write(spec, dir);
        } catch (ModelSetException e) {
            System.err.println(e.getMessage());
            return new Row(spec.name(), spec.split(), "-", 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, "not a single-tensor cut: the task would recompute backbone layers from the image");
        }
        String map = m.featureHeight() + "x" + m.featureWidth() + "x" + m.featureChannels();
        double mb = 4.0 * m.featureHeight() * m.featureWidth() * m.featureChannels() / 1e6;
        DffEngine frame = run(dir, video, frames, "mode=frame");
        DffEngine dff = run(dir, video, frames, "mode=dff key-interval=10000");
        double feat = frame.stats(Stage.FEATURE).quantileMillis(0.5);
        double task = frame.stats(Stage.TASK).quantileMillis(0.5);
        // the propagation cost: flow estimation plus the warp (two engine stages)
        double warp = dff.stats(Stage.FLOW).quantileMillis(0.5) + dff.stats(Stage.WARP).quantileMillis(0.5);
        double r = (warp + task) / (feat + task);
        String note = task > feat ? "head costs more than the backbone" : "";
        System.err.printf(Locale.ROOT, "%s @ %s: feature %.1f ms, task %.1f ms, warp %.1f ms%n", spec.name(),
                spec.split(), feat, task, warp);
        return new Row(spec.name(), spec.split(), map, mb, feat, task, warp, r, org.gstdff.eval.BenchReport.bound(10, r), note);
    }

    private DffEngine run(Path model, Path video, int frames, String props) throws Exception {
        String desc = VideoSource.rgb(video, frames) + "dff name=d model=\"" + model + "\" " + props + " ! fakesink";
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            if (l.run(600_000, null) != PipelineLauncher.Outcome.EOS) {
                throw new IllegalStateException(l.error());
            }
            // closing frees the engine's tensors; its latency statistics stay readable
            return ((DffElement) l.elements().get("d")).engine();
        }
    }
}
