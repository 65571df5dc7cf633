package org.gstdff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of VOC all-point AP. */
class AveragePrecisionTest {

    static Detection person(double x, double score) {
        return new Detection(0, "person", (float) score, new BoundingBox(x, 0, x + 10, 20));
    }

    static Detection car(double x, double score) {
        return new Detection(2, "car", (float) score, new BoundingBox(x, 50, x + 30, 70));
    }

    @Test
    void perfectPredictionsScoreOne() {
        List<List<Detection>> gt = List.of(List.of(person(0, 1), car(0, 1)), List.of(person(40, 1)));
        Map<Integer, AveragePrecision.ClassAp> r = AveragePrecision.perClass(gt, gt, 0.5);
        assertEquals(1.0, r.get(0).ap(), 1e-12);
        assertEquals(1.0, r.get(2).ap(), 1e-12);
        assertEquals(2, r.get(0).groundTruth());
    }

    @Test
    void interpolatedPrecisionEnvelope() {
        // 2 ground-truth people; ranked predictions: hit (0.9), miss (0.8), hit (0.7)
        // precision/recall: (1, .5), (.5, .5), (.667, 1) -> envelope 1 at r=.5, .667 at r=1 -> AP = .5 + .5 * 2/3
        List<List<Detection>> gt = List.of(List.of(person(0, 1)), List.of(person(100, 1)));
        List<List<Detection>> pred = List.of(List.of(person(1, 0.9), person(50, 0.8)), List.of(person(100, 0.7)));
        assertEquals(0.5 + 0.5 * 2 / 3.0, AveragePrecision.perClass(gt, pred, 0.5).get(0).ap(), 1e-12);
    }

    @Test
    void duplicatesAreFalsePositivesAndLowIouMisses() {
        List<List<Detection>> gt = List.of(List.of(person(0, 1), person(30, 1)));
        // the same person twice: second is a false positive; a box at IoU 1/3 misses the other person
        List<List<Detection>> pred = List.of(List.of(person(0, 0.9), person(0, 0.8), person(35, 0.7)));
        // ranks: TP (1, .5), FP (.5, .5), FP(IoU 5/15 < .5) -> AP = .5
        assertEquals(0.5, AveragePrecision.perClass(gt, pred, 0.5).get(0).ap(), 1e-12);
        // at 0.3 the third is a hit: TP (1, .5), FP (.5, .5), TP (.667, 1) -> AP = .5 + .5 * 2/3
        assertEquals(0.5 + 0.5 * 2 / 3.0, AveragePrecision.perClass(gt, pred, 0.3).get(0).ap(), 1e-12);
    }

    @Test
    void eachGroundTruthBoxIsMatchedOnceToTheBestFreeOne() {
        // two identical ground-truth boxes and two identical predictions: both match (the second takes the free one)
        List<List<Detection>> gt = List.of(List.of(person(0, 1), person(0, 1)));
        List<List<Detection>> pred = List.of(List.of(person(0, 0.9), person(0, 0.8), person(0, 0.7)));
        // TP (1, .5), TP (1, 1), FP (.667, 1) -> AP 1
        assertEquals(1.0, AveragePrecision.perClass(gt, pred, 0.5).get(0).ap(), 1e-12);
    }

    @Test
    void classesAreKeptApartAndMissingOnesScoreZero() {
        List<List<Detection>> gt = List.of(List.of(person(0, 1), car(0, 1)));
        List<List<Detection>> pred = List.of(List.of(new Detection(2, "car", 0.9f, new BoundingBox(0, 0, 10, 20))));
        Map<Integer, AveragePrecision.ClassAp> r = AveragePrecision.perClass(gt, pred, 0.5);
        assertEquals(0.0, r.get(0).ap(), 1e-12, "no person predicted");
        assertEquals(0.0, r.get(2).ap(), 1e-12, "car box on the person: wrong place");
    }

    @Test
    void meanOnlyOverFrequentClasses() {
        List<List<Detection>> gt = List.of(List.of(person(0, 1), person(30, 1), car(0, 1)));
        List<List<Detection>> pred = List.of(List.of(person(0, 0.9), person(30, 0.8)));
        Map<Integer, AveragePrecision.ClassAp> r = AveragePrecision.perClass(gt, pred, 0.5);
        assertEquals(0.5, AveragePrecision.mean(r, 1), 1e-12, "person 1.0 and car 0.0");
        assertEquals(1.0, AveragePrecision.mean(r, 2), 1e-12, "car has 1 box: left out");
        assertTrue(Double.isNaN(AveragePrecision.mean(r, 5)));
        // a class predicted but absent from the ground truth: listed with NaN, never averaged
        Map<Integer, AveragePrecision.ClassAp> fp = AveragePrecision.perClass(List.of(List.of()),
                List.of(List.of(person(0, 0.9))), 0.5);
        assertTrue(Double.isNaN(fp.get(0).ap()));
    }
}
