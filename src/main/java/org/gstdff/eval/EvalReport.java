package org.gstdff.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows of an evaluation: accuracy against per-frame detections and speed, per mode, flow and key interval. */
public final class EvalReport {

    /**
     * One run. {@code flow} names the flow it used ("-" where none runs: frame, hold); {@code engineFps} counts
     * engine time only (no decoding); {@code speedup} is its ratio to {@code frame}'s, run minutes apart;
     * {@code r} is the run's median non-key frame over its median key frame, and {@code costSpeedup} the speed-up
     * they give, {@code l / (1 + (l - 1) r)}: both halves measured in the same run, so the machine's drift between
     * runs (seen: 41.8 and 45.7 fps for one configuration) does not enter it. Curves are compared on it.
     * {@code keyRate} is the key frames per frame the run spent; with {@code adaptive} key frames, {@code interval}
     * is the longest interval and the speed-up is {@code 1 / (k + (1 - k) r)} at that key rate {@code k}.
     */
    public record Row(String mode, String flow, int interval, Map<Integer, AveragePrecision.ClassAp> perClass,
            double meanAp, double engineFps, double speedup, double r, double costSpeedup, double keyRate,
            boolean adaptive) {

        /** A fixed-interval row, spending one key frame per interval. */
        public Row(String mode, String flow, int interval, Map<Integer, AveragePrecision.ClassAp> perClass,
                double meanAp, double engineFps, double speedup, double r, double costSpeedup) {
            this(mode, flow, interval, perClass, meanAp, engineFps, speedup, r, costSpeedup, 1.0 / interval, false);
        }

        /** The curve the row belongs to on the frontier chart: mode, adaptive key frames, flow. */
        public String curve() {
            String m = adaptive ? mode + " adaptive" : mode;
            return flow.equals("-") ? m : m + " " + flow;
        }
    }

    /** The speed-up over frame at a key rate {@code k} (key frames per frame) and non-key cost ratio {@code r}. */
    public static double speedupAtKeyRate(double k, double r) {
        return 1 / (k + (1 - k) * r);
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
        return ap(r.perClass(), label);
    }

    /** The AP of one label among per-class results, NaN when absent. */
    public static double ap(Map<Integer, AveragePrecision.ClassAp> perClass, String label) {
        for (AveragePrecision.ClassAp c : perClass.values()) {
            if (c.label().equals(label)) {
                return c.ap();
            }
        }
        return Double.NaN;
    }

    /** The row of a curve at an interval, or null. */
    public Row find(String curve, int interval) {
        for (Row r : rows) {
            if (r.curve().equals(curve) && r.interval() == interval) {
                return r;
            }
        }
        return null;
    }

    /** Two curves compared at one speed-up: person AP of each, interpolated along its curve. */
    public record FrontierPoint(double speedup, double apA, double apB) {
    }

    /**
     * Curve {@code a} against curve {@code b} (see {@link Row#curve}) at every speed-up within [lo, hi] where either
     * has a measured point and both are defined: each curve is its points (and frame's, at 1x and AP 1) joined in
     * order of speed-up, read by linear interpolation; no extrapolation past a curve's fastest point.
     */
    public List<FrontierPoint> compare(String a, String b, double lo, double hi) {
        List<double[][]> ca = new ArrayList<>();
        ca.add(curvePoints(a));
        List<double[][]> cb = new ArrayList<>();
        cb.add(curvePoints(b));
        return compareEnvelopes(ca, cb, lo, hi);
    }

    /**
     * The best of each mode's curves against the best of another's (their upper envelopes: at each speed-up the
     * highest interpolated AP among the mode's curves), at every speed-up within [lo, hi] where either has a point.
     */
    public List<FrontierPoint> compareModes(String a, String b, double lo, double hi) {
        List<double[][]> ca = new ArrayList<>();
        List<double[][]> cb = new ArrayList<>();
        for (String c : curves()) {
            String mode = c.split(" ")[0];
            if (mode.equals(a)) {
                ca.add(curvePoints(c));
            } else if (mode.equals(b)) {
                cb.add(curvePoints(c));
            }
        }
        return compareEnvelopes(ca, cb, lo, hi);
    }

    /** The upper envelopes of two sets of curves at each speed-up within [lo, hi] where any curve has a point. */
    private static List<FrontierPoint> compareEnvelopes(List<double[][]> ca, List<double[][]> cb, double lo,
            double hi) {
        java.util.TreeSet<Double> at = new java.util.TreeSet<>();
        for (List<double[][]> set : List.of(ca, cb)) {
            for (double[][] c : set) {
                for (double[] p : c) {
                    if (p[0] >= lo && p[0] <= hi) {
                        at.add(p[0]);
                    }
                }
            }
        }
        List<FrontierPoint> out = new ArrayList<>();
        for (double x : at) {
            double ya = envelope(ca, x);
            double yb = envelope(cb, x);
            if (!Double.isNaN(ya) && !Double.isNaN(yb)) {
                out.add(new FrontierPoint(x, ya, yb));
            }
        }
        return out;
    }

    private static double envelope(List<double[][]> curves, double x) {
        double best = Double.NaN;
        for (double[][] c : curves) {
            double y = interpolate(c, x);
            if (!Double.isNaN(y) && (Double.isNaN(best) || y > best)) {
                best = y;
            }
        }
        return best;
    }

    /** A curve's (speed-up, person AP) points in order of speed-up, starting at frame's (1x, the frame row's AP). */
    private double[][] curvePoints(String curve) {
        List<double[]> pts = new ArrayList<>();
        for (Row r : rows) {
            if (r.mode().equals("frame") || r.curve().equals(curve)) {
                pts.add(new double[] {r.costSpeedup(), ap(r, "person")});
            }
        }
        pts.sort((p, q) -> Double.compare(p[0], q[0]));
        return pts.toArray(new double[0][]);
    }

    private static double interpolate(double[][] c, double x) {
        for (int i = 1; i < c.length; i++) {
            if (x >= c[i - 1][0] && x <= c[i][0]) {
                double span = c[i][0] - c[i - 1][0];
                double t = span == 0 ? 0 : (x - c[i - 1][0]) / span;
                return c[i - 1][1] + t * (c[i][1] - c[i - 1][1]);
            }
        }
        return Double.NaN;
    }

    /** The curves of the report in the order they first appear. */
    public List<String> curves() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.mode().equals("frame") && !out.contains(r.curve())) {
                out.add(r.curve());
            }
        }
        return out;
    }

    /**
     * For each dff curve against each track curve and hold, and the best of dff's curves against the best of
     * track's and hold's: at how many of the compared speed-ups within [lo, hi] dff's person AP is at least the
     * other's, and the smallest margin.
     */
    public String frontierSummary(double lo, double hi) {
        StringBuilder sb = new StringBuilder();
        for (String a : curves()) {
            if (!a.startsWith("dff")) {
                continue;
            }
            for (String b : curves()) {
                if (b.startsWith("dff")) {
                    continue;
                }
                List<FrontierPoint> pts = compare(a, b, lo, hi);
                if (!pts.isEmpty()) {
                    sb.append(summaryLine(a, b, pts, lo, hi));
                }
            }
        }
        for (String other : List.of("track", "hold")) {
            List<FrontierPoint> pts = compareModes("dff", other, lo, hi);
            if (!pts.isEmpty()) {
                sb.append(summaryLine("best of dff", "best of " + other, pts, lo, hi));
            }
        }
        return sb.toString();
    }

    private static String summaryLine(String a, String b, List<FrontierPoint> pts, double lo, double hi) {
        int above = 0;
        double margin = Double.POSITIVE_INFINITY;
        double where = Double.NaN;
        for (FrontierPoint p : pts) {
            above += p.apA() >= p.apB() ? 1 : 0;
            if (p.apA() - p.apB() < margin) {
                margin = p.apA() - p.apB();
                where = p.speedup();
            }
        }
        return String.format(Locale.ROOT, "%-28s vs %-28s at or above at %d of %d speed-ups in %.0fx-%.0fx, "
                + "smallest margin %+.1f AP (at %.2fx)%n", a, b, above, pts.size(), lo, hi, 100 * margin, where);
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %-8s %-26s %4s %8s %10s %10s %11s %9s %7s %10s%n", "mode", "keys",
                "flow", "l", "key rate", "person AP", "mAP(>=" + minGroundTruth + ")", "engine fps", "fps ratio", "r",
                "speed-up"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-6s %-8s %-26s %4d %8.3f %10.1f %10.1f %11.1f %8.2fx %7.3f %9.2fx%n",
                    r.mode(), r.adaptive() ? "adaptive" : "fixed", r.flow(), r.interval(), r.keyRate(),
                    100 * ap(r, "person"), 100 * r.meanAp(), r.engineFps(), r.speedup(), r.r(), r.costSpeedup()));
        }
        return sb.toString();
    }

    public List<Object> toJson() {
        List<Object> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", r.mode());
            m.put("flow", r.flow());
            m.put("key_policy", r.adaptive() ? "adaptive" : "fixed");
            m.put("key_interval", r.interval());
            m.put("key_rate", r.keyRate());
            m.put("person_ap", ap(r, "person"));
            m.put("mean_ap", r.meanAp());
            m.put("mean_ap_min_ground_truth", minGroundTruth);
            m.put("engine_fps", r.engineFps());
            m.put("fps_ratio_vs_frame", r.speedup());
            m.put("r", r.r());
            m.put("speedup_vs_frame", r.costSpeedup());
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
