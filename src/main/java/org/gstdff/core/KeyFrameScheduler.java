package org.gstdff.core;

/**
 * Decides which frames are key frames: a fixed interval, restarted by the first frame of a stream and by
 * every discontinuity (flush, seek, gap). Changing the interval takes effect from the next frame: the
 * current run of non-key frames ends once it has reached the new interval. A frame the scheduler lets through as
 * a non-key frame can still be made one ({@link #promote}), which is how the adaptive policy works.
 */
public final class KeyFrameScheduler {

    /** What to do with one frame; {@code reason} is null on a non-key frame. */
    public record Decision(boolean keyFrame, int framesSinceKey, KeyReason reason) {
    }

    private int interval;
    private int sinceKey = -1; // -1: no key frame yet in this stream
    private double phase; // fraction of the interval the first run after a restart is lengthened by
    private int head; // frames the current run waits beyond the interval

    public KeyFrameScheduler(int interval) {
        setInterval(interval);
    }

    public synchronized void setInterval(int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("key interval must be >= 1, got " + interval);
        }
        this.interval = interval;
    }

    public synchronized int interval() {
        return interval;
    }

    /**
     * Offsets this stream's key frames by a fraction of the interval: after each restart (the first frame, a
     * discontinuity) the first run is longer by {@code fraction * interval} frames, then runs are whole again. Streams
     * with different phases keep their key frames apart ({@code KeyPhases}); lengthening rather than shortening the
     * first run keeps streams that start together from paying a second burst of key frames right after the first
     * (measured: 4 streams shortened dropped 14 of 1600 frames, aligned 0).
     */
    public synchronized void setPhase(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("phase must be within [0, 1), got " + fraction);
        }
        phase = fraction;
    }

    /** Forget the current key frame: the next frame will be one. */
    public synchronized void reset() {
        sinceKey = -1;
    }

    /**
     * @param discontinuity the frame follows a flush, seek or gap, so the cached key frame no longer applies
     */
    public synchronized Decision next(boolean discontinuity) {
        return next(discontinuity ? KeyReason.DISCONT : null, false);
    }

    public synchronized Decision next(boolean discontinuity, boolean late) {
        return next(discontinuity ? KeyReason.DISCONT : null, late);
    }

    /**
     * The next frame's decision. A key frame that is only due by the interval is postponed while {@code late}
     * (frames are waiting, so the cheaper propagated frame helps catch up), at most until twice the interval.
     * A forced key frame (a discontinuity, a missing key state) or the first frame is never postponed.
     *
     * @param forced why this frame must be a key frame, or null
     */
    public synchronized Decision next(KeyReason forced, boolean late) {
        boolean due = sinceKey + 1 >= interval + head;
        boolean postpone = late && sinceKey + 1 < 2 * (interval + head);
        KeyReason reason = null;
        if (sinceKey < 0) {
            reason = forced == KeyReason.DISCONT ? KeyReason.DISCONT : KeyReason.START;
        } else if (forced != null) {
            reason = forced;
        } else if (due && !postpone) {
            reason = KeyReason.INTERVAL;
        }
        sinceKey = reason != null ? 0 : sinceKey + 1;
        if (reason != null) {
            // a restart starts a run longer by the phase; every later run is whole
            head = reason == KeyReason.START || reason == KeyReason.DISCONT ? (int) Math.floor(phase * interval) : 0;
        }
        return new Decision(reason != null, sinceKey, reason);
    }

    /** Makes the frame just decided a key frame after all (the adaptive policy's call). */
    public synchronized Decision promote(KeyReason reason) {
        sinceKey = 0;
        head = 0;
        return new Decision(true, 0, reason);
    }
}
