package org.gstdff.core;

/**
 * When to run the feature network before the key interval runs out. The signal is the propagation residual's mean
 * ({@link PropagationResidual}) above the noise floor, summed over the frames since the key frame: a key frame comes
 * once the key frame, moved by the flow, has failed to explain the frames by enough in total. Summing weighs a long
 * run of small failures (drift, slow walkers) like one large one (someone stepping in), and it grows on its own
 * with time, so a still scene runs to the longest interval while a busy one gets key frames sooner. Most cells
 * changed ({@link #SCENE_CUT_SHARE}) is a scene cut: a key frame at once, whatever the minimum interval.
 * <p>
 * In budget form ({@code keyRate} > 0, key frames per frame) the threshold is not given but learnt: the first run
 * goes to the budget's interval ({@code 1 / keyRate} frames) and the sum reached there becomes the threshold; after
 * every key frame it is steered so that the key frames the policy spends average the budget: a key frame sooner than
 * the budget's interval raises it, a later one lowers it. (Starting from a given threshold instead left the result
 * at the mercy of that guess: 86.3 to 90.5 person AP for starts of 3 to 10 on vtest.) Which signal, and why, is measured in docs/ABLATION.md ("Adaptive key frames").
 */
public final class AdaptiveKeyPolicy {

    /** Share of changed cells above which the frame is a new one: a cut (or the lights went on). */
    public static final double SCENE_CUT_SHARE = 0.5;
    /**
     * The residual of a well-propagated frame (grey levels): sensor noise and compression. Measured one frame after
     * key frames on vtest frames 300-600 (the camera-adaptation range): median 1.08, tenth percentile 0.71.
     */
    public static final double NOISE_FLOOR = 0.9;
    /** The threshold without a budget (grey levels over the floor, summed over frames); docs/ABLATION.md. */
    public static final double DEFAULT_THRESHOLD = 5;
    private static final double MIN_THRESHOLD = 1e-4;
    /** How hard the budget form steers the threshold after each key frame. */
    private static final double GAIN = 0.5;

    private double threshold;
    private double keyRate;
    private int minInterval;
    private double steered = Double.NaN;
    private double accumulated;

    /**
     * @param threshold   the summed residual over the noise floor that makes a key frame, without a budget (with
     *                    one, unused)
     * @param keyRate     key frames per frame to spend (0..1), or 0 for the fixed threshold
     * @param minInterval frames at least between a key frame and an adaptive one
     */
    public AdaptiveKeyPolicy(double threshold, double keyRate, int minInterval) {
        set(threshold, keyRate, minInterval);
    }

    public synchronized void set(double threshold, double keyRate, int minInterval) {
        if (!(threshold > 0) || !(keyRate >= 0 && keyRate <= 1) || minInterval < 1) {
            throw new IllegalArgumentException("key threshold > 0, key rate in [0, 1], min key interval >= 1; got "
                    + threshold + ", " + keyRate + ", " + minInterval);
        }
        if (keyRate != this.keyRate || threshold != this.threshold) {
            steered = Double.NaN; // a new budget or threshold starts from the threshold again
        }
        this.threshold = threshold;
        this.keyRate = keyRate;
        this.minInterval = minInterval;
    }

    /** The threshold in force: the fixed one, or the budget's current one. */
    public synchronized double threshold() {
        return keyRate > 0 && !Double.isNaN(steered) ? steered : threshold;
    }

    /** The summed residual since the key frame, as of the last {@link #decide}. */
    public synchronized double accumulated() {
        return accumulated;
    }

    /**
     * @param framesSinceKey this frame's distance from the key frame (1 on the frame after it)
     * @return why this frame should be a key frame, or null
     */
    public synchronized KeyReason decide(PropagationResidual r, int framesSinceKey) {
        if (framesSinceKey <= 1) {
            accumulated = 0;
        }
        if (r.share() > SCENE_CUT_SHARE) {
            return KeyReason.SCENE_CUT;
        }
        accumulated += Math.max(0, r.mean() - NOISE_FLOOR);
        if (keyRate > 0 && Double.isNaN(steered)) {
            if (framesSinceKey < Math.round(1 / keyRate)) {
                return null;
            }
            steered = Math.max(MIN_THRESHOLD, accumulated); // the budget's interval: calibrated
            return KeyReason.ADAPTIVE;
        }
        if (framesSinceKey >= minInterval && accumulated > threshold()) {
            return KeyReason.ADAPTIVE;
        }
        return null;
    }

    /** After a key frame that ended a run of {@code interval} frames (interval or adaptive): steers the budget. */
    public synchronized void keyFrameAfter(int interval) {
        if (keyRate <= 0) {
            return;
        }
        double target = 1 / keyRate;
        // sooner than the budget's interval: raise the threshold; later: lower it
        if (!Double.isNaN(steered)) {
            steered = Math.max(MIN_THRESHOLD, steered * Math.exp(GAIN * (target - interval) / target));
        }
    }
}
