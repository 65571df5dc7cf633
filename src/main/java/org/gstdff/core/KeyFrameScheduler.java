package org.gstdff.core;

/**
 * Decides which frames are key frames: a fixed interval, restarted by the first frame of a stream and by
 * every discontinuity (flush, seek, gap). Changing the interval takes effect from the next frame: the
 * current run of non-key frames ends once it has reached the new interval.
 */
public final class KeyFrameScheduler {

    /** What to do with one frame. */
    public record Decision(boolean keyFrame, int framesSinceKey) {
    }

    private int interval;
    private int sinceKey = -1; // -1: no key frame yet in this stream

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

    /** Forget the current key frame: the next frame will be one. */
    public synchronized void reset() {
        sinceKey = -1;
    }

    /**
     * @param discontinuity the frame follows a flush, seek or gap, so the cached key frame no longer applies
     */
    public synchronized Decision next(boolean discontinuity) {
        return next(discontinuity, false);
    }

    /**
     * Like {@link #next(boolean)}, but a key frame that is only due by the interval is postponed while {@code late}
     * (frames are waiting, so the cheaper propagated frame helps catch up), at most until twice the interval.
     * A discontinuity or a missing key frame is never postponed.
     */
    public synchronized Decision next(boolean discontinuity, boolean late) {
        boolean due = sinceKey + 1 >= interval;
        boolean postpone = late && sinceKey + 1 < 2 * interval;
        if (discontinuity || sinceKey < 0 || (due && !postpone)) {
            sinceKey = 0;
        } else {
            sinceKey++;
        }
        return new Decision(sinceKey == 0, sinceKey);
    }
}
