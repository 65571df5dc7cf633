package org.gstdff.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;

/**
 * What any propagation that keeps the key frame's scores could reach: each key-frame detection moved exactly as the
 * per-frame detector sees its object move. A flow, however good, moves the key frame's map; it does not re-score it,
 * and it has nothing for an object the key frame missed. So this is the AP a perfect flow would give under the
 * head-output split, and what the remaining error of a real flow is measured against.
 *
 * <p>The object a key detection stands for is followed frame by frame through the per-frame detector's candidates
 * (one frame apart a walker moves a few pixels, so its box overlaps itself well): at each frame the followed boxes
 * and that frame's candidates of the same class with score {@code >= linkScore} are paired one to one, the most
 * confident followed detection first, each to the free candidate it overlaps most, where that reaches
 * {@code linkIou} (so a faint duplicate never takes a confident detection's object); a paired detection takes its candidate's box, an unpaired one
 * keeps its last box (its object may be missed for a frame). The score and class stay the key frame's.
 */
public final class MotionCeiling {

    /** Candidates down to this score still say where an object went (its own score flickers well under 0.4). */
    public static final float LINK_SCORE = 0.1f;
    /**
     * vtest.avi skips ahead now and then: a walker 36 px wide moved 16 px between two of its frames (IoU 0.38 with
     * itself); at 0.5 such objects were lost and the ceiling fell under hold's. Its figure moves by under a point
     * between 0.1 and 0.3 (docs/ABLATION.md).
     */
    public static final double LINK_IOU = 0.2;

    private final int interval;
    private final float linkScore;
    private final double linkIou;

    /** The ceiling at one key interval, objects followed with {@link #LINK_SCORE} and {@link #LINK_IOU}. */
    public static MotionCeiling at(int interval) {
        return new MotionCeiling(interval, LINK_SCORE, LINK_IOU);
    }

    /**
     * @param interval key frames at 0, interval, 2 * interval, ...
     * @param linkScore the lowest candidate score a followed object may be found at
     * @param linkIou the least overlap between a followed box and the candidate it moves to
     */
    public MotionCeiling(int interval, float linkScore, double linkIou) {
        if (interval < 1) {
            throw new IllegalArgumentException("interval must be >= 1, got " + interval);
        }
        if (!(linkIou > 0 && linkIou <= 1)) {
            throw new IllegalArgumentException("linkIou must be in (0, 1], got " + linkIou);
        }
        this.interval = interval;
        this.linkScore = linkScore;
        this.linkIou = linkIou;
    }

    /**
     * @param perFrame the per-frame detector's detections on every frame, every candidate it keeps (the key frames'
     *     ones are what is propagated, the others only say where objects went)
     * @return per frame, the key frame's detections where their objects are on that frame
     */
    public List<List<Detection>> propagate(List<List<Detection>> perFrame) {
        List<List<Detection>> out = new ArrayList<>(perFrame.size());
        List<Detection> followed = List.of();
        for (int t = 0; t < perFrame.size(); t++) {
            if (t % interval == 0) {
                followed = perFrame.get(t);
            } else {
                followed = follow(followed, perFrame.get(t));
            }
            out.add(followed);
        }
        return out;
    }

    private record Pair(int from, float score, int to, double iou) {
    }

    /** The followed detections moved to the candidates they pair with on the next frame. */
    private List<Detection> follow(List<Detection> followed, List<Detection> candidates) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < followed.size(); i++) {
            Detection f = followed.get(i);
            for (int j = 0; j < candidates.size(); j++) {
                Detection c = candidates.get(j);
                if (c.labelId() != f.labelId() || c.confidence() < linkScore) {
                    continue;
                }
                double iou = f.box().iou(c.box());
                if (iou >= linkIou) {
                    pairs.add(new Pair(i, f.confidence(), j, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).thenComparingDouble(Pair::iou).reversed());
        BoundingBox[] moved = new BoundingBox[followed.size()];
        boolean[] taken = new boolean[candidates.size()];
        for (Pair p : pairs) {
            if (moved[p.from()] == null && !taken[p.to()]) {
                moved[p.from()] = candidates.get(p.to()).box();
                taken[p.to()] = true;
            }
        }
        List<Detection> out = new ArrayList<>(followed.size());
        for (int i = 0; i < followed.size(); i++) {
            Detection f = followed.get(i);
            out.add(moved[i] == null ? f : new Detection(f.labelId(), f.label(), f.confidence(), moved[i]));
        }
        return out;
    }
}
