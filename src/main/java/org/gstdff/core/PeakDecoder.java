package org.gstdff.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CenterNet's decode written to touch little: the same detections as its graph (sigmoid over the class heatmap, a
 * 3x3 max-pool, keep the cells equal to their pool, top k of all cells x classes, boxes from the box channels at
 * the kept cells), but only for candidates at or above a score floor. A cell is read only when the map's bound
 * says one of its classes may reach the floor; a candidate's 3x3 local-maximum test reads only the neighbours
 * whose bound exceeds it. The graph's top-k over 1.3 M values (80 classes x 128 x 128) becomes a sort of the few
 * candidates.
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

        /** The floor as a logit: what a head map's candidate index is made for. */
        public float floorLogit() {
            return (float) Math.log(scoreFloor / (1.0 - scoreFloor));
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
        if (map.floor() > cfg.floorLogit()) {
            throw new IllegalArgumentException("the map's candidate index is made for logit " + map.floor()
                    + ", above the decoder's floor " + cfg.floorLogit());
        }
        // a sliver below the floor: float rounding in a bilinear sample may exceed its neighbours by an ulp
        float floor = cfg.floorLogit() - 1e-4f;
        int[] classesAt = new int[classes];
        Candidates found = new Candidates();
        for (int cell = 0; cell < w * h; cell++) {
            int n = map.candidates(cell, classesAt);
            for (int i = 0; i < n; i++) {
                int cls = classesAt[i];
                float z = map.value(cell, cls);
                if (z < floor) {
                    continue;
                }
                float s = sigmoid(z);
                if (s < cfg.scoreFloor() || !localMaximum(map, cell, cls, z, s)) {
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

    /** The graph's test: no neighbour in the 3x3 window (inside the map) has a higher score for this class. */
    private static boolean localMaximum(HeadMap map, int cell, int cls, float z, float s) {
        int w = map.width();
        int h = map.height();
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
                int q = ny * w + nx;
                if (map.bound(q) <= z) {
                    continue; // nothing there can beat it
                }
                float zq = map.value(q, cls);
                if (zq > z && sigmoid(zq) > s) {
                    return false;
                }
            }
        }
        return true;
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
