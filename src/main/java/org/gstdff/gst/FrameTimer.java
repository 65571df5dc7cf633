package org.gstdff.gst;

import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Pad;
import org.gstdff.core.LatencyStats;

import com.sun.jna.Pointer;

/**
 * Times buffers on an element's pad: the interval between consecutive buffers (on a pipeline without queues,
 * the per-frame cost of everything upstream), or, given a {@code dff}, the time from leaving it to reaching this
 * pad (the push through what lies between).
 */
public final class FrameTimer {

    private final LatencyStats intervals = new LatencyStats();
    private final LatencyStats sinceDff = new LatencyStats();
    private final DffElement dff;
    private final GstNative.ProbeCallback probe; // reachable while installed
    private long last = -1; // streaming thread only

    private FrameTimer(Pad pad, DffElement dff) {
        this.dff = dff;
        probe = RawProbe.add(pad, RawProbe.BUFFER, this::onBuffer);
    }

    /** Times buffers arriving at {@code element}'s sink pad; {@code dff} may be null. */
    public static FrameTimer onSink(Element element, DffElement dff) {
        return new FrameTimer(element.getStaticPad("sink"), dff);
    }

    private int onBuffer(int type, Pointer buffer) {
        long now = System.nanoTime();
        if (last >= 0) {
            intervals.add(now - last);
        }
        last = now;
        if (dff != null) {
            long out = dff.lastOutputNanos();
            if (out > 0) {
                sinceDff.add(now - out);
            }
        }
        return RawProbe.OK;
    }

    public LatencyStats intervals() {
        return intervals;
    }

    public LatencyStats sinceDff() {
        return sinceDff;
    }
}
