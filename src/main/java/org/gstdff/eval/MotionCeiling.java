package org.gstdff.eval;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.Detection;
import org.gstdff.core.DetectionLinks;

/**
 * What any propagation that keeps the key frame's scores could reach: each key-frame detection moved exactly as the
 * per-frame detector sees its object move. A flow, however good, moves the key frame's map; it does not re-score it,
 * and it has nothing for an object the key frame missed. So this is the AP a perfect flow would give under the
 * head-output split, and what the remaining error of a real flow is measured against.
 *
 * <p>The object a key detection stands for is followed frame by frame through the per-frame detector's candidates
 * ({@link DetectionLinks}: candidates of score {@code >= linkScore} overlapping it by {@code linkIou}); a paired
 * detection takes its candidate's box, an unpaired one keeps its last box (its object may be missed for a frame).
 * The score and class stay the key frame's.
 */
public final class MotionCeiling {

    private final int interval;
    private final float linkScore;
    private final double linkIou;

    /** The ceiling at one key interval, objects followed by {@link DetectionLinks}' defaults. */
    public static MotionCeiling at(int interval) {
        return new MotionCeiling(interval, DetectionLinks.MIN_SCORE, DetectionLinks.MIN_IOU);
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

    /** The followed detections moved to the candidates they pair with on the next frame. */
    private List<Detection> follow(List<Detection> followed, List<Detection> candidates) {
        int[] to = DetectionLinks.follow(followed, candidates, linkScore, linkIou);
        List<Detection> out = new ArrayList<>(followed.size());
        for (int i = 0; i < followed.size(); i++) {
            Detection f = followed.get(i);
            out.add(to[i] < 0 ? f : new Detection(f.labelId(), f.label(), f.confidence(),
                    candidates.get(to[i]).box()));
        }
        return out;
    }
}
