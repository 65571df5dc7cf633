package org.gstdff.gst;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;

/**
 * How late a frame is on a live stream: the pipeline clock's running time now minus the frame's running time
 * (its timestamp through the current segment). On a live source that is the time since capture, queueing upstream
 * included; for non-live streams it means nothing and is not measured. Used from the streaming thread.
 */
final class StreamClock {

    private static final int SEGMENT_SIZE = GstLayout.SEGMENT_SIZE;
    private static final int FORMAT_TIME = 3;
    private static final long NONE = -1L;

    private final Pointer element;
    private final Memory segment = new Memory(SEGMENT_SIZE);
    private volatile boolean haveSegment;
    private volatile Boolean live; // null: not asked yet for this stream

    /** @param element the element whose clock and base time count (borrowed for its lifetime) */
    StreamClock(Pointer element) {
        this.element = element;
    }

    /** A SEGMENT event passed: running times follow it from now on. */
    synchronized void segment(Pointer event) {
        GstNative.Core.INSTANCE.gst_event_copy_segment(event, segment);
        haveSegment = true;
    }

    /** A new stream: live-ness is asked again. */
    void streamStart() {
        live = null;
    }

    /**
     * Whether upstream of {@code sinkPad} is live (LATENCY query), asked once per stream.
     */
    boolean live(Pointer sinkPad) {
        Boolean l = live;
        if (l == null) {
            GstNative.Core core = GstNative.Core.INSTANCE;
            Pointer q = core.gst_query_new_latency();
            IntByReference isLive = new IntByReference();
            boolean ok = core.gst_pad_peer_query(sinkPad, q);
            if (ok) {
                core.gst_query_parse_latency(q, isLive, new LongByReference(), new LongByReference());
            }
            core.gst_mini_object_unref(q);
            l = ok && isLive.getValue() != 0;
            live = l;
        }
        return l;
    }

    /** Nanoseconds between the frame's running time and the clock's running time now; -1 when unknown. */
    synchronized long lateness(long pts) {
        if (!haveSegment || pts == NONE) {
            return -1;
        }
        GstNative.Core core = GstNative.Core.INSTANCE;
        long running = core.gst_segment_to_running_time(segment, FORMAT_TIME, pts);
        Pointer clock = core.gst_element_get_clock(element);
        if (clock == null || running == NONE) {
            if (clock != null) {
                core.gst_object_unref(clock);
            }
            return -1;
        }
        long now = core.gst_clock_get_time(clock) - core.gst_element_get_base_time(element);
        core.gst_object_unref(clock);
        return Math.max(0, now - running);
    }
}
