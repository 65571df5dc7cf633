package org.gstdff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;
import org.junit.jupiter.api.Test;

/** The key frame's detections followed through the per-frame detector's candidates. */
class MotionCeilingTest {

    static Detection person(double x, double score) {
        return new Detection(0, "person", (float) score, new BoundingBox(x, 0, x + 20, 40));
    }

    static Detection car(double x, double score) {
        return new Detection(2, "car", (float) score, new BoundingBox(x, 0, x + 20, 40));
    }

    @Test
    void aWalkerIsMovedToWhereTheDetectorSeesItWithTheKeyScore() {
        // 3 px a frame; the detector's own score dips to 0.3 on frame 2, still a link (>= 0.1)
        List<List<Detection>> perFrame = List.of(List.of(person(0, 0.9)), List.of(person(3, 0.8)),
                List.of(person(6, 0.3)), List.of(person(9, 0.7)));
        List<List<Detection>> out = new MotionCeiling(10, 0.1f, 0.5).propagate(perFrame);
        assertEquals(4, out.size());
        for (int t = 0; t < 4; t++) {
            assertEquals(1, out.get(t).size());
            assertEquals(3.0 * t, out.get(t).get(0).box().x1(), 1e-12);
            assertEquals(0.9f, out.get(t).get(0).confidence());
        }
    }

    @Test
    void aWalkerIsFollowedAcrossTheClipsSkipsAhead() {
        // as in vtest.avi, where a walker jumps 16 px between two frames: here 8 px on a box 20 px wide (IoU 0.43
        // with itself), which the default link follows
        List<List<Detection>> perFrame = List.of(List.of(person(0, 0.9)), List.of(person(8, 0.8)),
                List.of(person(30, 0.8)));
        List<List<Detection>> out = MotionCeiling.at(5).propagate(perFrame);
        assertEquals(8.0, out.get(1).get(0).box().x1(), 1e-12);
        assertEquals(8.0, out.get(2).get(0).box().x1(), 1e-12, "22 px on a 20 px box: no overlap, not linked");
    }

    @Test
    void aMissedFrameKeepsTheLastBoxAndTheObjectIsFoundAgain() {
        List<List<Detection>> perFrame = List.of(List.of(person(0, 0.9)), List.of(person(3, 0.8)), List.of(),
                List.of(person(6, 0.05), person(200, 0.9)), List.of(person(9, 0.8)));
        List<List<Detection>> out = new MotionCeiling(10, 0.1f, 0.5).propagate(perFrame);
        assertEquals(3.0, out.get(2).get(0).box().x1(), 1e-12);
        // under the link score and far away: neither is a link, the box stays
        assertEquals(3.0, out.get(3).get(0).box().x1(), 1e-12);
        assertEquals(9.0, out.get(4).get(0).box().x1(), 1e-12);
        assertEquals(1, out.get(4).size(), "objects the key frame did not have are not added");
    }

    @Test
    void pairsAreOneToOneByClassTheConfidentFirst() {
        // a faint duplicate overlapping the walker's next box better must not take it from the confident detection
        Detection faint = person(1, 0.2);
        List<List<Detection>> perFrame = List.of(List.of(person(0, 0.9), faint, car(0, 0.8)),
                List.of(person(2, 0.9), car(30, 0.8)));
        List<List<Detection>> out = new MotionCeiling(10, 0.1f, 0.5).propagate(perFrame);
        List<Detection> f1 = out.get(1);
        assertEquals(2.0, f1.get(0).box().x1(), 1e-12, "the confident walker takes the candidate");
        assertEquals(faint, f1.get(1), "the duplicate finds no free candidate and stays");
        assertEquals(0.0, f1.get(2).box().x1(), 1e-12, "a car does not move to a person nor to a box it misses");
    }

    @Test
    void everyKeyFrameStartsAgainFromTheDetector() {
        List<List<Detection>> perFrame = List.of(List.of(person(0, 0.9)), List.of(person(3, 0.8)),
                List.of(person(6, 0.6), person(100, 0.5)), List.of(person(9, 0.7), person(101, 0.5)));
        List<List<Detection>> out = new MotionCeiling(2, 0.1f, 0.5).propagate(perFrame);
        assertEquals(perFrame.get(2), out.get(2));
        assertEquals(List.of(person(9, 0.6), person(101, 0.5)), out.get(3));
    }

    @Test
    void theDetectorsOwnFlickerCostsApThatNoFlowRemoves() {
        // walker B's own score dips under the threshold on frame 1 (0.2): the ground truth loses it there, the key
        // frame's 0.5 is held at its moved box and ranks as a false positive above walker C's hits
        List<List<Detection>> perFrame = List.of(List.of(person(0, 0.9), person(100, 0.5), person(200, 0.45)),
                List.of(person(3, 0.9), person(103, 0.2), person(203, 0.45)));
        List<List<Detection>> gt = List.of(List.of(person(0, 1), person(100, 1), person(200, 1)),
                List.of(person(3, 1), person(203, 1)));
        List<List<Detection>> out = new MotionCeiling(5, 0.1f, 0.5).propagate(perFrame);
        assertEquals(List.of(person(3, 0.9), person(103, 0.5), person(203, 0.45)), out.get(1));
        // ranked (equal scores in frame order): hit, hit, hit, false, hit, hit of 5 -> 3/5 at precision 1, then 5/6
        assertEquals(0.6 + 0.4 * 5 / 6.0, AveragePrecision.perClass(gt, out, 0.5).get(0).ap(), 1e-12);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MotionCeiling(0, 0.1f, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new MotionCeiling(5, 0.1f, 0));
    }
}
