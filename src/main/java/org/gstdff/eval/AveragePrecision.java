package org.gstdff.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gstdff.core.Detection;

/**
 * Average precision per class over a sequence of frames: VOC all-point interpolation with greedy matching.
 * Predictions of a class are sorted by score across all frames; each in turn takes the not yet matched ground-truth
 * box of its frame and class with the highest IoU, and is a true positive when that IoU reaches the threshold, else a
 * false positive. Each ground-truth box is matched at most once, so a duplicate is a false positive. Classes are
 * identified by label id.
 */
public final class AveragePrecision {

    /** One class's result; {@code ap} is NaN when the class has no ground truth. */
    public record ClassAp(int labelId, String label, int groundTruth, int predictions, double ap) {
    }

    private AveragePrecision() {
    }

    private record Pred(int frame, Detection d) {
    }

    /**
     * @param groundTruth per frame, the reference detections (scores ignored)
     * @param predictions per frame, the detections to score, with confidences
     */
    public static Map<Integer, ClassAp> perClass(List<List<Detection>> groundTruth, List<List<Detection>> predictions,
            double iouThreshold) {
        if (groundTruth.size() != predictions.size()) {
            throw new IllegalArgumentException("ground truth has " + groundTruth.size() + " frames, predictions "
                    + predictions.size());
        }
        Map<Integer, String> labels = new TreeMap<>();
        Map<Integer, Integer> gtCount = new TreeMap<>();
        for (List<Detection> frame : groundTruth) {
            for (Detection d : frame) {
                labels.put(d.labelId(), d.label());
                gtCount.merge(d.labelId(), 1, Integer::sum);
            }
        }
        Map<Integer, List<Pred>> byClass = new TreeMap<>();
        for (int f = 0; f < predictions.size(); f++) {
            for (Detection d : predictions.get(f)) {
                labels.putIfAbsent(d.labelId(), d.label());
                byClass.computeIfAbsent(d.labelId(), k -> new ArrayList<>()).add(new Pred(f, d));
            }
        }
        Map<Integer, ClassAp> out = new TreeMap<>();
        for (Map.Entry<Integer, String> e : labels.entrySet()) {
            int c = e.getKey();
            List<Pred> preds = byClass.getOrDefault(c, List.of());
            int nGt = gtCount.getOrDefault(c, 0);
            double ap = nGt == 0 ? Double.NaN : ap(groundTruth, preds, c, nGt, iouThreshold);
            out.put(c, new ClassAp(c, e.getValue(), nGt, preds.size(), ap));
        }
        return out;
    }

    private static double ap(List<List<Detection>> gt, List<Pred> preds, int c, int nGt, double iouThreshold) {
        List<Pred> sorted = new ArrayList<>(preds);
        // stable: equal scores keep frame order, so results are reproducible
        sorted.sort(Comparator.comparingDouble((Pred p) -> -p.d().confidence()));
        Map<Integer, boolean[]> used = new TreeMap<>();
        int n = sorted.size();
        double[] precision = new double[n];
        double[] recall = new double[n];
        int tp = 0;
        for (int i = 0; i < n; i++) {
            Pred p = sorted.get(i);
            List<Detection> frameGt = gt.get(p.frame());
            boolean[] taken = used.computeIfAbsent(p.frame(), k -> new boolean[frameGt.size()]);
            int best = -1;
            double bestIou = -1;
            for (int j = 0; j < frameGt.size(); j++) {
                Detection g = frameGt.get(j);
                if (g.labelId() != c || taken[j]) {
                    continue;
                }
                double iou = g.box().iou(p.d().box());
                if (iou > bestIou) {
                    bestIou = iou;
                    best = j;
                }
            }
            if (best >= 0 && bestIou >= iouThreshold) {
                taken[best] = true;
                tp++;
            }
            precision[i] = tp / (double) (i + 1);
            recall[i] = tp / (double) nGt;
        }
        // all-point interpolation: precision envelope, summed over recall steps
        for (int i = n - 2; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        double ap = 0;
        double prevRecall = 0;
        for (int i = 0; i < n; i++) {
            if (recall[i] > prevRecall) {
                ap += (recall[i] - prevRecall) * precision[i];
                prevRecall = recall[i];
            }
        }
        return ap;
    }

    /** Mean AP over the classes with at least {@code minGroundTruth} ground-truth boxes; NaN when there are none. */
    public static double mean(Map<Integer, ClassAp> perClass, int minGroundTruth) {
        double sum = 0;
        int n = 0;
        for (ClassAp c : perClass.values()) {
            if (c.groundTruth() >= minGroundTruth) {
                sum += c.ap();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
