package org.gstdff.eval;

import java.util.Arrays;
import java.util.List;

/**
 * The durations of several ways of doing one thing, each done on every call in turn: per call one duration each, so
 * that they are compared call by call under the same load, and which ran first (one that runs right after another
 * may find the cores or caches as the other left them: the medians when first and when later say how much). A single
 * run's median on this machine spreads by more than the gaps worth measuring (the same flow 3.6-5.8 ms from run to
 * run), while two timed back to back see the same contention; the paired differences' median and its confidence
 * interval say whether one is faster.
 */
public final class PairedTimes {

    /** One way's figures against the first's, over the calls that timed both. */
    public record Comparison(String name, int calls, double medianMs, double p95Ms, double medianDifferenceMs,
            double differenceLowMs, double differenceHighMs, double medianRatio, double fasterShare,
            double medianWhenFirstMs, double medianWhenLaterMs) {
    }

    private final List<String> names;
    private long[][] nanos; // per way, per call
    private int[] first; // per call, the way that ran first
    private int calls;

    public PairedTimes(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("nothing to compare");
        }
        this.names = List.copyOf(names);
        this.nanos = new long[names.size()][64];
        this.first = new int[64];
    }

    public List<String> names() {
        return names;
    }

    /**
     * One call's durations, one per way in the order of {@link #names}.
     *
     * @param ranFirst the way that ran first in this call (the others after it)
     */
    public synchronized void add(int ranFirst, long... each) {
        if (each.length != names.size()) {
            throw new IllegalArgumentException(each.length + " durations for " + names.size() + " ways");
        }
        if (ranFirst < 0 || ranFirst >= names.size()) {
            throw new IllegalArgumentException("way " + ranFirst + " ran first, of " + names.size());
        }
        if (calls == nanos[0].length) {
            for (int i = 0; i < nanos.length; i++) {
                nanos[i] = Arrays.copyOf(nanos[i], 2 * calls);
            }
            first = Arrays.copyOf(first, 2 * calls);
        }
        for (int i = 0; i < each.length; i++) {
            nanos[i][calls] = each[i];
        }
        first[calls] = ranFirst;
        calls++;
    }

    public synchronized int calls() {
        return calls;
    }

    /** Every way against the first (the first against itself: differences 0, ratio 1). */
    public synchronized List<Comparison> compare() {
        if (calls == 0) {
            throw new IllegalStateException("no calls timed");
        }
        long[] base = Arrays.copyOf(nanos[0], calls);
        return java.util.stream.IntStream.range(0, names.size()).mapToObj(i -> {
            long[] own = Arrays.copyOf(nanos[i], calls);
            double[] difference = new double[calls];
            double[] ratio = new double[calls];
            int faster = 0;
            for (int c = 0; c < calls; c++) {
                difference[c] = (own[c] - base[c]) / 1e6;
                ratio[c] = base[c] > 0 ? (double) own[c] / base[c] : Double.NaN;
                faster += own[c] < base[c] ? 1 : 0;
            }
            Arrays.sort(difference);
            Arrays.sort(ratio);
            double[] sorted = Arrays.stream(own).sorted().mapToDouble(n -> n / 1e6).toArray();
            int k = medianRankBelow(calls);
            double[] whenFirst = java.util.stream.IntStream.range(0, calls).filter(c -> first[c] == i)
                    .mapToDouble(c -> own[c] / 1e6).sorted().toArray();
            double[] whenLater = java.util.stream.IntStream.range(0, calls).filter(c -> first[c] != i)
                    .mapToDouble(c -> own[c] / 1e6).sorted().toArray();
            return new Comparison(names.get(i), calls, median(sorted), sorted[rank(0.95, calls)], median(difference),
                    difference[k], difference[calls - 1 - k], median(ratio), (double) faster / calls,
                    median(whenFirst), median(whenLater));
        }).toList();
    }

    /**
     * The 0-based rank of the lower end of a distribution-free 95% confidence interval for a median of n samples
     * (the upper end is n - 1 - that): the order statistics between which the median lies with 95% probability,
     * whatever the distribution, by the binomial's normal approximation; 0 (the whole range) for n under 6.
     */
    static int medianRankBelow(int n) {
        int k = (int) Math.floor(n / 2.0 - 1.96 * Math.sqrt(n) / 2.0) - 1;
        return Math.max(0, Math.min(k, (n - 1) / 2));
    }

    private static int rank(double q, int n) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(q * n) - 1));
    }

    /** NaN for none. */
    private static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
