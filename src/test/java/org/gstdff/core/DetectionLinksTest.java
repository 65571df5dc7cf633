package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Pairs of detections one frame apart. */
class DetectionLinksTest {

    static Detection person(double x, double score) {
        return new Detection(0, "person", (float) score, new BoundingBox(x, 0, x + 20, 40));
    }

    @Test
    void eachTakesTheFreeCandidateItOverlapsMostTheConfidentFirst() {
        // the faint one overlaps candidate 0 best too, but the confident one chooses first
        List<Detection> from = List.of(person(1, 0.2), person(0, 0.9));
        List<Detection> to = List.of(person(1, 0.8), person(6, 0.8));
        assertArrayEquals(new int[] {1, 0}, DetectionLinks.follow(from, to, 0.1f, 0.2));
    }

    @Test
    void faintCandidatesOtherClassesAndSmallOverlapsAreNotLinks() {
        List<Detection> from = List.of(person(0, 0.9), person(100, 0.9), person(200, 0.9));
        List<Detection> to = List.of(person(1, 0.05), new Detection(2, "car", 0.9f, new BoundingBox(100, 0, 120, 40)),
                person(217, 0.9));
        // 0: the candidate is under 0.1; 1: a car; 2: 3 px of 20 overlap, IoU 0.08
        assertArrayEquals(new int[] {-1, -1, -1}, DetectionLinks.follow(from, to, 0.1f, 0.2));
        assertArrayEquals(new int[] {0, -1, 2}, DetectionLinks.follow(from, to, 0.0f, 0.05));
    }
}
