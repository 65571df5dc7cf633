package org.gstdff.gst;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Pad;

/**
 * Makes {@code identity eos-after=N} end a stream after its first N - 1 buffers for good. GStreamer 1.22's identity
 * refuses the N-th buffer with a flow EOS once and passes whatever comes after it until the upstream EOS event
 * arrives: behind decodebin, the frames the decoder still had in flight, from seconds later in the clip (eos-after=13
 * on vtest.avi: frames 0-11, then one of 1.7-19.3 s), and under load hundreds of them (654 frames for 12 asked in a
 * loaded test run). A buffer probe on each such identity's source pad drops every buffer after the first N - 1,
 * counted from the pipeline's start (the launched pipelines run once; a flushing seek does not restart the count).
 */
final class EosAfterCut {

    private EosAfterCut() {
    }

    /**
     * Installs the probe on every identity in the bin (nested bins included) whose eos-after is set. The returned
     * callbacks must stay reachable for as long as the pipeline runs (JNA frees a collected callback's stub).
     */
    static List<GstNative.ProbeCallback> install(Bin bin) {
        List<GstNative.ProbeCallback> kept = new ArrayList<>();
        for (Element e : bin.getElementsRecursive()) {
            ElementFactory f = e.getFactory();
            if (f == null || !"identity".equals(f.getName())) {
                continue;
            }
            int eosAfter = ((Number) e.get("eos-after")).intValue();
            Pad src = e.getStaticPad("src");
            if (eosAfter > 0 && src != null) {
                kept.add(RawProbe.add(src, RawProbe.BUFFER, passFirst(eosAfter - 1)));
            }
        }
        return kept;
    }

    /** The probe's handler: passes the first {@code n} buffers, drops the rest. */
    static RawProbe.Handler passFirst(long n) {
        AtomicLong seen = new AtomicLong();
        return (type, data) -> seen.incrementAndGet() <= n ? RawProbe.OK : RawProbe.DROP;
    }
}
