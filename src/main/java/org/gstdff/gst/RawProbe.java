package org.gstdff.gst;

import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.glib.Natives;

import com.sun.jna.Pointer;

/**
 * Pad probes that hand the callback raw pointers (buffer, event or query) instead of gst1-java-core wrappers,
 * for the reason given in {@link RawBuffer}. The pointer is borrowed for the duration of the call.
 */
final class RawProbe {

    // GstPadProbeType bits
    static final int BUFFER = 1 << 4;
    static final int EVENT_DOWNSTREAM = 1 << 6;
    /** Flush events reach only probes that ask for them. */
    static final int EVENT_FLUSH = 1 << 8;

    // GstPadProbeReturn
    static final int DROP = 0;
    static final int OK = 1;

    // GstEventType numbers: the type is (number << 8) | flags
    static final int EVENT_FLUSH_STOP = 20;
    static final int EVENT_STREAM_START = 40;
    static final int EVENT_CAPS = 50;
    static final int EVENT_SEGMENT = 70;
    static final int EVENT_EOS = 110;

    private static final int INFO_TYPE = GstLayout.PROBE_INFO_TYPE;
    private static final int INFO_DATA = GstLayout.PROBE_INFO_DATA;

    /** Receives the probe type bits and the borrowed data pointer; returns a GstPadProbeReturn. */
    interface Handler {
        int probe(int type, Pointer data);
    }

    private RawProbe() {
    }

    /**
     * Installs a probe. The returned callback must stay reachable (keep it in a field of the pad's owner) for as
     * long as the probe is installed: JNA frees the native stub of a collected callback.
     */
    static GstNative.ProbeCallback add(Pad pad, int mask, Handler handler) {
        return install(pad, mask, info -> handler.probe(info.getInt(INFO_TYPE), info.getPointer(INFO_DATA)));
    }

    /** Receives the probe type bits and the GstPadProbeInfo itself, so the handler may replace its data. */
    interface InfoHandler {
        int probe(int type, Pointer info);
    }

    /** Like {@link #add} for handlers that need the GstPadProbeInfo. */
    static GstNative.ProbeCallback addWithInfo(Pad pad, int mask, InfoHandler handler) {
        return install(pad, mask, info -> handler.probe(info.getInt(INFO_TYPE), info));
    }

    /**
     * Installs the probe with a guard: whatever the handler throws becomes a bus ERROR from the pad's element and
     * the data passes on. Unguarded, an exception leaves the JNA callback returning 0, which GStreamer reads as
     * DROP: a buffer lost without a word.
     */
    private static GstNative.ProbeCallback install(Pad pad, int mask, java.util.function.ToIntFunction<Pointer> h) {
        Pointer padPtr = Natives.getRawPointer(pad);
        GstNative.ProbeCallback cb = (p, info, user) -> {
            try {
                return h.applyAsInt(info);
            } catch (Throwable t) { // NOPMD: nothing may escape into native code
                fail(padPtr, t);
                return OK;
            }
        };
        GstNative.Core.INSTANCE.gst_pad_add_probe(padPtr, mask, cb, null, null);
        return cb;
    }

    private static void fail(Pointer pad, Throwable t) {
        GstNative.Core core = GstNative.Core.INSTANCE;
        Pointer element = core.gst_pad_get_parent_element(pad);
        if (element == null) {
            System.err.println("gst-dff: a probe on an unparented pad failed: " + t);
            return;
        }
        try {
            GstNative.postError(element, false, GstNative.STREAM_ERROR_FAILED, "internal error while handling "
                    + "a buffer or event: " + t, stackOf(t));
        } finally {
            core.gst_object_unref(element);
        }
    }

    private static String stackOf(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    /** The probe's data (buffer, event or query), borrowed for the call. */
    static Pointer data(Pointer info) {
        return info.getPointer(INFO_DATA);
    }

    /**
     * Makes the probe's buffer writable (a copy when it is shared, e.g. after a tee), puts it back into the probe
     * info and returns it.
     */
    static Pointer makeWritableData(Pointer info) {
        Pointer w = GstNative.Core.INSTANCE.gst_mini_object_make_writable(info.getPointer(INFO_DATA));
        info.setPointer(INFO_DATA, w);
        return w;
    }

    /** The number of a GstEvent's type (the type without its flag bits). */
    static int typeNumber(Pointer eventOrQuery) {
        return eventOrQuery.getInt(GstLayout.EVENT_TYPE) >>> 8;
    }
}
