package org.gstdff.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CenterNet's decode written to touch little: the same detections as its graph (sigmoid over the class heatmap, a
 * 3x3 max-pool, keep the cells equal to their pool, top k of all cells x classes, boxes from the box channels at
 * the kept cells), but only for candidates at or above a score floor. A class is read at a cell only when the map
 * says it may reach the floor there, each such logit once; a candidate's 3x3 local-maximum test compares it with
 * its neighbours' logits from that same pass (a neighbour with none there has the class under the floor, so it
 * cannot beat a candidate), not with new samples: on a warped map each sample is a bilinear tap, and a
 * neighbourhood test sampled every neighbour again (docs/ABLATION.md). The graph's top-k over 1.3 M values (80
 * classes x 128 x 128) becomes a sort of the few candidates.
 * <p>
 * On a computed map, equal to the graph's output (labels, scores, boxes) for every detection at or above the floor:
 * the max-pool compares sigmoid scores in float, so a neighbour with the same score (a saturated sigmoid) does not
 * suppress a peak, as in the graph; ties in score are ordered by flat index (cell x classes + class), as TopKV2
 * orders them. On a warped map the peaks and boxes are those of the graph on the warped map, and a peak reports the
 * score {@link HeadMap#peak} gives it (the height of the key frame's peak it samples).
 */
public final class PeakDecoder {

    /**
     * How the head map is laid out and decoded.
     *
     * @param boxChannel    the first of 4 box channels: distances to the left, top, right and bottom edges
     * @param boxScale      multiplies the box channels into input pixels (CenterNet: 16)
     * @param stride        input pixels per map cell: a cell's centre in input pixels is {@code stride * (x, y)}
     * @param maxDetections the graph's k
     * @param scoreFloor    no candidate below this score is decoded; well below any useful threshold
     */
    public record Config(int boxChannel, float boxScale, int stride, int maxDetections, float scoreFloor) {
        public Config {
            if (!(scoreFloor > 0 && scoreFloor < 1)) {
                throw new IllegalArgumentException("score floor must be within (0, 1), got " + scoreFloor);
            }
            if (maxDetections < 1) {
                throw new IllegalArgumentException("max detections must be >= 1, got " + maxDetections);
            }
        }

        /** The floor as a logit. */
        public float floorLogit() {
            return (float) Math.log(scoreFloor / (1.0 - scoreFloor));
        }

        /** The least float logit whose score, as {@link #sigmoid} computes it in float, is at least the floor. */
        public float floorLogitExact() {
            float z = floorLogit();
            while (sigmoid(z) >= scoreFloor) {
                z = Math.nextDown(z);
            }
            while (sigmoid(z) < scoreFloor) {
                z = Math.nextUp(z);
            }
            return z;
        }

        /**
         * The logit a head map's candidate index is made for, and the decoder reads from: a sliver under {@link
         * #floorLogit}, as float rounding in a bilinear sample may exceed its neighbours by an ulp.
         */
        public float indexFloor() {
            return floorLogit() - 1e-4f;
        }
    }

    /** One detection: class, score, box corners in input pixels (unclamped, as the graph gives them). */
    public record Peak(int cell, int label, float score, float x1, float y1, float x2, float y2) {
    }

    private PeakDecoder() {
    }

    /** The detections, highest score first, at most {@code maxDetections}. */
    public static List<Peak> decode(HeadMap map, Config cfg) {
        int w = map.width();
        int h = map.height();
        int classes = map.classes();
        if (cfg.boxChannel() + 4 > map.channels()) {
            throw new IllegalArgumentException("box channels " + cfg.boxChannel() + ".." + (cfg.boxChannel() + 3)
                    + " outside a map of " + map.channels() + " channels");
        }
        // a class left out of a cell's candidates is under the map's floor there, so under any candidate's logit
        float floor = cfg.indexFloor();
        if (map.floor() > floor) {
            throw new IllegalArgumentException("the map's candidate index is made for logit " + map.floor()
                    + ", above the decoder's " + floor);
        }
        Logits logits = Logits.read(map, floor);
        float reaching = cfg.floorLogitExact();
        Candidates found = new Candidates();
        for (int cell = 0; cell < w * h; cell++) {
            for (int i = logits.start[cell]; i < logits.start[cell + 1]; i++) {
                int cls = logits.label[i];
                float z = logits.logit[i];
                if (z < reaching || !localMaximum(logits, w, h, cell, cls, z)) {
                    continue;
                }
                found.add(cell * classes + cls, sigmoid(map.peak(cell, cls)));
            }
        }
        int[] order = found.ranked();
        int n = Math.min(order.length, cfg.maxDetections());
        List<Peak> out = new ArrayList<>(n);
        float[] box = new float[4];
        for (int i = 0; i < n; i++) {
            int f = found.flat[order[i]];
            int cell = f / classes;
            map.values(cell, cfg.boxChannel(), cfg.boxChannel() + 4, box);
            float cx = (cell % w) * (float) cfg.stride();
            float cy = (cell / w) * (float) cfg.stride();
            out.add(new Peak(cell, f % classes, found.score[order[i]], cx - box[0] * cfg.boxScale(),
                    cy - box[1] * cfg.boxScale(), cx + box[2] * cfg.boxScale(), cy + box[3] * cfg.boxScale()));
        }
        return out;
    }

    /**
     * The graph's test: no neighbour in the 3x3 window (inside the map) has a higher score for this class. A
     * neighbour without the class among its logits at or above the floor has it under the floor, where {@code z} is
     * not: it cannot be higher.
     */
    private static boolean localMaximum(Logits logits, int w, int h, int cell, int cls, float z) {
        int x = cell % w;
        int y = cell / w;
        for (int dy = -1; dy <= 1; dy++) {
            int ny = y + dy;
            if (ny < 0 || ny >= h) {
                continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                if ((dx == 0 && dy == 0) || nx < 0 || nx >= w) {
                    continue;
                }
                int q = logits.find(ny * w + nx, cls);
                if (q >= 0) {
                    float zq = logits.logit[q];
                    if (zq > z && higherScore(zq, z)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Whether logit {@code zq > z} also has the higher score in float, as the graph compares them: two logits a
     * sliver apart, or both where the sigmoid saturates, may give the same float score. Between -3 and 8 the sigmoid's
     * slope is at least 3.3e-4, so logits 1e-3 apart there are more than 3e-7 apart in score, over twice a float's
     * spacing under 1: no need to compute the two.
     */
    private static boolean higherScore(float zq, float z) {
        if (zq - z > 1e-3f && z >= -3f && zq <= 8f) {
            return true;
        }
        return sigmoid(zq) > sigmoid(z);
    }

    /** Every cell's candidate classes whose logit is at or above the floor, with the logit: read once a decode. */
    private static final class Logits {
        final int[] start; // cell p's entries: [start[p], start[p + 1])
        int[] label = new int[256];
        float[] logit = new float[256];

        private Logits(int cells) {
            start = new int[cells + 1];
        }

        static Logits read(HeadMap map, float floor) {
            int cells = map.width() * map.height();
            Logits l = new Logits(cells);
            int[] classesAt = new int[map.classes()];
            int size = 0;
            for (int cell = 0; cell < cells; cell++) {
                l.start[cell] = size;
                int n = map.candidates(cell, classesAt);
                for (int i = 0; i < n; i++) {
                    float z = map.value(cell, classesAt[i]);
                    if (z < floor) {
                        continue;
                    }
                    if (size == l.label.length) {
                        l.label = Arrays.copyOf(l.label, size * 2);
                        l.logit = Arrays.copyOf(l.logit, size * 2);
                    }
                    l.label[size] = classesAt[i];
                    l.logit[size++] = z;
                }
            }
            l.start[cells] = size;
            return l;
        }

        /** The entry of class {@code cls} at {@code cell}, or -1: under the floor there. */
        int find(int cell, int cls) {
            for (int i = start[cell]; i < start[cell + 1]; i++) {
                if (label[i] == cls) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Candidates as found (flat index ascending), ranked on demand. */
    private static final class Candidates {
        int[] flat = new int[64];
        float[] score = new float[64];
        int size;

        void add(int index, float s) {
            if (size == flat.length) {
                flat = Arrays.copyOf(flat, size * 2);
                score = Arrays.copyOf(score, size * 2);
            }
            flat[size] = index;
            score[size++] = s;
        }

        /** Positions by score, highest first; equal scores by flat index, as TopKV2 orders them. */
        int[] ranked() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int bySc = Float.compare(score[b], score[a]);
                return bySc != 0 ? bySc : Integer.compare(flat[a], flat[b]);
            });
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = order[i];
            }
            return out;
        }
    }

    /** The logistic function in float, as the detector's graph applies it. */
    public static float sigmoid(float z) {
        return (float) (1.0 / (1.0 + Math.exp(-z)));
    }
}
