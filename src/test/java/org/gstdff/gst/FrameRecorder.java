package org.gstdff.gst;

import java.util.ArrayList;
import java.util.List;

import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.glib.Natives;

import com.sun.jna.Pointer;

/** A pad probe that records every buffer reaching an element: timestamps and the metadata read back. */
final class FrameRecorder {

    record Seen(long pts, long dts, long duration, FrameMeta.Read meta) {
    }

    final List<Seen> frames = new ArrayList<>();

    private GstNative.ProbeCallback probe; // reachable while installed

    static FrameRecorder on(Element element) {
        FrameRecorder r = new FrameRecorder();
        Pad pad = element.getStaticPad("sink");
        Pointer padPtr = Natives.getRawPointer(pad);
        r.probe = RawProbe.add(pad, RawProbe.BUFFER, (type, b) -> {
            int[] size = VideoLayout.sizeOfPad(padPtr);
            FrameMeta.Read m = FrameMeta.read(b, size[0], size[1]);
            synchronized (r) {
                r.frames.add(new Seen(RawBuffer.pts(b), RawBuffer.dts(b), RawBuffer.duration(b), m));
            }
            return RawProbe.OK;
        });
        return r;
    }

    synchronized List<Seen> frames() {
        return List.copyOf(frames);
    }

    synchronized String keyPattern() {
        StringBuilder sb = new StringBuilder();
        for (Seen s : frames) {
            sb.append(s.meta().keyFrame() ? 'K' : '.');
        }
        return sb.toString();
    }
}
