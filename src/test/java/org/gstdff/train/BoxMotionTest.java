package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;
import org.junit.jupiter.api.Test;

/** The detector's box motion written into a teacher link. */
class BoxMotionTest {

    static Detection person(double x, double y, double score) {
        return new Detection(0, "person", (float) score, new BoundingBox(x, y, x + 40, y + 80));
    }

    @Test
    void theMiddleOfAnObjectSeenOnBothFramesMovesAsItsBox() {
        int w = 32;
        int h = 24;
        float[] flow = new float[w * h * 2];
        float[] visible = new float[w * h];
        java.util.Arrays.fill(flow, 0.25f); // DIS's flow, wherever no box is
        // frames 128 x 96 px on a 32 x 24 grid: 4 px a cell. The walker is at x 40..80 on the later frame and 8 px
        // to the left and 4 px down on the earlier one: the flow later -> earlier is (-2, +1) cells
        List<Detection> later = List.of(person(40, 8, 0.9), person(100, 8, 0.3));
        List<Detection> earlier = List.of(person(32, 12, 0.2), person(100, 8, 0.9));
        int set = BoxMotion.apply(flow, visible, w, h, later, earlier, 0.4f, 0.25, 0.25);
        // the middle half of the box: x 50..70, y 28..68 px; cells whose centres (4 gx + 2) lie inside, edges
        // included: gx 12..17, gy 7..16
        assertEquals(6 * 10, set);
        for (int gy = 0; gy < h; gy++) {
            for (int gx = 0; gx < w; gx++) {
                int c = gy * w + gx;
                boolean inside = gx >= 12 && gx <= 17 && gy >= 7 && gy <= 16;
                assertEquals(inside ? -2f : 0.25f, flow[2 * c], 1e-6, gx + "," + gy);
                assertEquals(inside ? 1f : 0.25f, flow[2 * c + 1], 1e-6, gx + "," + gy);
                assertEquals(inside ? 1f : 0f, visible[c], gx + "," + gy);
            }
        }
    }

    @Test
    void objectsUnderTheThresholdOrNotFoundOnTheEarlierFrameKeepDis() {
        int w = 32;
        int h = 24;
        float[] flow = new float[w * h * 2];
        float[] visible = new float[w * h];
        // one under the threshold; one whose earlier box is far away (no overlap)
        List<Detection> later = List.of(person(0, 0, 0.3), person(60, 8, 0.9));
        List<Detection> earlier = List.of(person(0, 0, 0.9));
        assertEquals(0, BoxMotion.apply(flow, visible, w, h, later, earlier, 0.4f, 0.25, 0.25));
        assertEquals(0f, visible[0]);
    }
}
