package org.gstdff.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows of an evaluation: accuracy against per-frame detections and speed, per mode and key interval. */
public final class EvalReport {

    /** One run. {@code engineFps} counts engine time only (no decoding). */
    public record Row(String mode, int interval, Map<Integer, AveragePrecision.ClassAp> perClass, double meanAp,
            double engineFps, double speedup) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final int minGroundTruth;

    public EvalReport(int minGroundTruth) {
        this.minGroundTruth = minGroundTruth;
    }

    public void add(Row r) {
        rows.add(r);
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The AP of one label in a row, NaN when absent. */
    public static double ap(Row r, String label) {
        for (AveragePrecision.ClassAp c : r.perClass().values()) {
            if (c.label().equals(label)) {
                return c.ap();
            }
        }
        return Double.NaN;
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %4s %10s %10s %11s %8s%n", "mode", "l", "person AP",
                "mAP(>=" + minGroundTruth + ")", "engine fps", "speed-up"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-6s %4d %10.1f %10.1f %11.1f %7.2fx%n", r.mode(), r.interval(),
                    100 * ap(r, "person"), 100 * r.meanAp(), r.engineFps(), r.speedup()));
        }
        return sb.toString();
    }

    public List<Object> toJson() {
        List<Object> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", r.mode());
            m.put("key_interval", r.interval());
            m.put("mean_ap", r.meanAp());
            m.put("mean_ap_min_ground_truth", minGroundTruth);
            m.put("engine_fps", r.engineFps());
            m.put("speedup_vs_frame", r.speedup());
            List<Object> classes = new ArrayList<>();
            for (AveragePrecision.ClassAp c : r.perClass().values()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("label", c.label());
                cm.put("ground_truth", c.groundTruth());
                cm.put("predictions", c.predictions());
                cm.put("ap", c.ap());
                cm.put("averaged", c.groundTruth() >= minGroundTruth);
                classes.add(cm);
            }
            m.put("classes", classes);
            out.add(m);
        }
        return out;
    }
}
