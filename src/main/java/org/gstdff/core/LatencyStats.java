package org.gstdff.core;

import java.util.Arrays;

/**
 * Durations of one processing stage: count and mean over the whole run, median and 95th percentile over the
 * most recent {@value #WINDOW} samples (a fixed ring, so memory stays flat on long runs). Thread-safe.
 */
public final class LatencyStats {

    public static final int WINDOW = 4096;

    private final long[] ring = new long[WINDOW];
    private long count;
    private long totalNanos;
    private long maxNanos;

    public synchronized void add(long nanos) {
        ring[(int) (count % WINDOW)] = nanos;
        count++;
        totalNanos += nanos;
        maxNanos = Math.max(maxNanos, nanos);
    }

    /** Adds another's recent window, e.g. to pool the latencies of several streams. */
    public void addAll(LatencyStats other) {
        long[] samples;
        synchronized (other) {
            samples = Arrays.copyOf(other.ring, (int) Math.min(other.count, WINDOW));
        }
        for (long s : samples) {
            add(s);
        }
    }

    /** The longest duration of the whole run in milliseconds; 0 when empty. */
    public synchronized double maxMillis() {
        return maxNanos / 1e6;
    }

    public synchronized long count() {
        return count;
    }

    public synchronized double meanMillis() {
        return count == 0 ? 0 : totalNanos / 1e6 / count;
    }

    /** The q-quantile (0..1) of the recent window in milliseconds, nearest-rank; 0 when empty. */
    public synchronized double quantileMillis(double q) {
        int n = (int) Math.min(count, WINDOW);
        if (n == 0) {
            return 0;
        }
        long[] s = Arrays.copyOf(ring, n);
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * n) - 1;
        return s[Math.max(0, Math.min(n - 1, rank))] / 1e6;
    }

    /** Count, median, 95th percentile and maximum in milliseconds, at one moment. */
    public record Summary(long count, double medianMs, double p95Ms, double maxMs) {
    }

    public synchronized Summary summary() {
        return new Summary(count, quantileMillis(0.5), quantileMillis(0.95), maxMillis());
    }

    public synchronized void reset() {
        count = 0;
        totalNanos = 0;
        maxNanos = 0;
    }
}
