package org.gstdff.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Which frames of a recording camera adaptation reads: the range's first part to train on and its last part held
 * out, each read whole when it fits the frame budget, else as runs of consecutive frames spread evenly over it (a
 * recorded hour of a fixed camera is ~90,000 frames; chained training needs consecutive frames, not every frame).
 * Ranges are {@code [from, to)} frame indexes.
 */
public record FootagePlan(List<int[]> train, List<int[]> heldOut, int trainFrames, int heldOutFrames) {

    /**
     * @param holdout   the fraction of the range at its end held out, in (0, 1)
     * @param maxTrain  the most training frames read; the held-out part gets the same share of it as of the range
     * @param runLength frames in a run where the budget spreads the reading
     */
    public static FootagePlan of(int from, int to, double holdout, int maxTrain, int runLength) {
        if (to <= from || !(holdout > 0 && holdout < 1) || maxTrain < 1 || runLength < 1) {
            throw new IllegalArgumentException("a plan needs from < to, holdout in (0, 1), a budget and a run length; "
                    + "got " + from + "-" + to + ", " + holdout + ", " + maxTrain + ", " + runLength);
        }
        int cut = from + (int) Math.round((to - from) * (1 - holdout));
        int maxHeld = Math.max(1, (int) Math.round(maxTrain * holdout / (1 - holdout)));
        List<int[]> train = spread(from, cut, maxTrain, runLength);
        List<int[]> held = spread(cut, to, maxHeld, runLength);
        return new FootagePlan(train, held, frames(train), frames(held));
    }

    /** All runs, training first, in frame order. */
    public List<int[]> runs() {
        List<int[]> all = new ArrayList<>(train);
        all.addAll(heldOut);
        return all;
    }

    /** Whether the budget left frames of the range out. */
    public boolean sampled() {
        return train.size() > 1 || heldOut.size() > 1;
    }

    /**
     * {@code [a, b)} whole if it has at most {@code budget} frames, else {@code budget / runLength} runs (at least
     * one) spread evenly from its first frame to its last, never overlapping.
     */
    static List<int[]> spread(int a, int b, int budget, int runLength) {
        if (b <= a) {
            return List.of();
        }
        if (b - a <= budget) {
            return List.of(new int[] {a, b});
        }
        int length = Math.min(runLength, budget);
        int k = Math.max(1, budget / length);
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            // k * length <= budget < b - a, so consecutive starts are at least length apart
            int start = a + (k == 1 ? 0 : (int) ((long) i * (b - a - length) / (k - 1)));
            runs.add(new int[] {start, start + length});
        }
        return runs;
    }

    private static int frames(List<int[]> runs) {
        return runs.stream().mapToInt(r -> r[1] - r[0]).sum();
    }
}
