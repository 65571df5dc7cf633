package org.gstdff.train;

import java.util.Comparator;
import java.util.List;

import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;
import org.gstdff.core.DetectionLinks;

/**
 * The per-frame detector as a motion teacher: where it sees an object on two consecutive frames, the cells at the
 * middle of the object move as its box does. DIS matches patches wider than a walker, so on a walker's cells it
 * mixes in the still background and its chained flow falls behind the walker (vtest 0-299, l=10: the key frame's
 * detections moved by DIS ULTRAFAST's chained flow 86.8 person AP, moved as the detector sees them 90.9 with their
 * own boxes, 90.3 keeping the key frame's box sizes; {@code eval.MotionCeiling}). Over a chain the boxes' offsets
 * telescope, so the composed target is the detector's own displacement from the chain's first frame, its frame to
 * frame jitter cancelling.
 */
final class BoxMotion {

    /** The middle share of a box's width and height whose cells take its motion (the rest is limbs and background). */
    static final double INNER = 0.5;

    private BoxMotion() {
    }

    /**
     * Sets a teacher link to the boxes' motion inside each object the detector sees confidently on the later frame
     * and finds on the earlier one.
     *
     * @param flow the link, the flow from the later frame to the earlier one on a {@code w x h} grid, in cells
     * @param visible the link's check, set to 1 where the boxes' motion is taken
     * @param later the detector's detections on the later frame
     * @param earlier its detections on the earlier frame, every candidate it keeps
     * @param threshold the score from which a later detection is an object
     * @param sx grid cells per frame pixel across
     * @param sy grid cells per frame pixel down
     * @return the cells set
     */
    static int apply(float[] flow, float[] visible, int w, int h, List<Detection> later, List<Detection> earlier,
            float threshold, double sx, double sy) {
        // the least confident first, so where boxes overlap the most confident one's motion is what stays
        List<Detection> objects = later.stream().filter(d -> d.confidence() >= threshold)
                .sorted(Comparator.comparingDouble(Detection::confidence)).toList();
        int[] to = DetectionLinks.follow(objects, earlier, DetectionLinks.MIN_SCORE, DetectionLinks.MIN_IOU);
        int set = 0;
        for (int i = 0; i < objects.size(); i++) {
            if (to[i] < 0) {
                continue;
            }
            BoundingBox a = objects.get(i).box();
            BoundingBox b = earlier.get(to[i]).box();
            float dx = (float) (((b.x1() + b.x2()) - (a.x1() + a.x2())) / 2 * sx);
            float dy = (float) (((b.y1() + b.y2()) - (a.y1() + a.y2())) / 2 * sy);
            double cx = (a.x1() + a.x2()) / 2;
            double cy = (a.y1() + a.y2()) / 2;
            double hw = a.width() * INNER / 2;
            double hh = a.height() * INNER / 2;
            // cells whose centres fall inside the box's middle
            int gx0 = Math.max(0, (int) Math.ceil((cx - hw) * sx - 0.5));
            int gx1 = Math.min(w - 1, (int) Math.floor((cx + hw) * sx - 0.5));
            int gy0 = Math.max(0, (int) Math.ceil((cy - hh) * sy - 0.5));
            int gy1 = Math.min(h - 1, (int) Math.floor((cy + hh) * sy - 0.5));
            for (int gy = gy0; gy <= gy1; gy++) {
                for (int gx = gx0; gx <= gx1; gx++) {
                    int c = gy * w + gx;
                    flow[2 * c] = dx;
                    flow[2 * c + 1] = dy;
                    visible[c] = 1;
                    set++;
                }
            }
        }
        return set;
    }
}
