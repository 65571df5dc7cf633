package org.gstdff.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which detection of the next frame each detection of this one is, by overlap: one frame apart an object's box
 * overlaps itself well. Pairs are one to one and of the same class; the most confident detection chooses first, each
 * the free candidate (score {@code >= minScore}) it overlaps most where that reaches {@code minIou}, so a faint
 * duplicate never takes a confident detection's object.
 */
public final class DetectionLinks {

    /** Candidates down to this score still say where an object went (its own score flickers well under 0.4). */
    public static final float MIN_SCORE = 0.1f;
    /**
     * vtest.avi skips ahead now and then: a walker 36 px wide moved 16 px between two of its frames (IoU 0.38 with
     * itself); at 0.5 such objects were lost. The ceiling measured with these links moves by under a point between
     * 0.1 and 0.3 (docs/ABLATION.md).
     */
    public static final double MIN_IOU = 0.2;

    private DetectionLinks() {
    }

    private record Pair(int from, float score, int to, double iou) {
    }

    /** For each of {@code from}, the index of its candidate in {@code to}, or -1 where none pairs with it. */
    public static int[] follow(List<Detection> from, List<Detection> to, float minScore, double minIou) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            Detection f = from.get(i);
            for (int j = 0; j < to.size(); j++) {
                Detection c = to.get(j);
                if (c.labelId() != f.labelId() || c.confidence() < minScore) {
                    continue;
                }
                double iou = f.box().iou(c.box());
                if (iou >= minIou) {
                    pairs.add(new Pair(i, f.confidence(), j, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).thenComparingDouble(Pair::iou).reversed());
        int[] out = new int[from.size()];
        Arrays.fill(out, -1);
        boolean[] taken = new boolean[to.size()];
        for (Pair p : pairs) {
            if (out[p.from()] < 0 && !taken[p.to()]) {
                out[p.from()] = p.to();
                taken[p.to()] = true;
            }
        }
        return out;
    }
}
