package org.gstdff.gst;

import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Version;

/** Initialises GStreamer once per process, asking for 1.16 APIs (without a version, "since 1.14" APIs throw). */
public final class GstRuntime {

    private GstRuntime() {
    }

    public static synchronized void init() {
        if (!Gst.isInitialized()) {
            Gst.init(Version.of(1, 16), "gst-dff");
        }
    }
}
