package org.gstdff.gst;

import java.util.ArrayList;
import java.util.List;

import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.glib.Natives;
import org.gstdff.core.Detection;

import com.sun.jna.Pointer;

/** Records the detections each buffer carries as it leaves an element (a pad probe on its src pad). */
public final class DetectionTap {

    private final List<List<Detection>> frames = new ArrayList<>();
    private final List<Boolean> keyFrames = new ArrayList<>();
    private final List<Long> timestamps = new ArrayList<>();
    private final Pointer padPtr;
    private final GstNative.ProbeCallback probe; // reachable while installed
    private VideoLayout layout;

    private DetectionTap(Element element) {
        Pad pad = element.getStaticPad("src");
        padPtr = Natives.getRawPointer(pad);
        probe = RawProbe.add(pad, RawProbe.BUFFER, this::onBuffer);
    }

    public static DetectionTap on(Element element) {
        return new DetectionTap(element);
    }

    private int onBuffer(int type, Pointer buffer) {
        if (layout == null) {
            layout = VideoLayout.ofPad(padPtr);
        }
        FrameMeta.Read r = FrameMeta.read(buffer, layout.width(), layout.height());
        synchronized (this) {
            frames.add(r.detections());
            keyFrames.add(r.keyFrame());
            timestamps.add(RawBuffer.pts(buffer));
        }
        return RawProbe.OK;
    }

    /** Per frame, in stream order. */
    public synchronized List<List<Detection>> frames() {
        return List.copyOf(frames);
    }

    /** Each frame's presentation timestamp in nanoseconds (GStreamer's -1: none), in stream order. */
    public synchronized List<Long> timestamps() {
        return List.copyOf(timestamps);
    }

    /** Whether each frame was a key frame, in stream order. */
    public synchronized List<Boolean> keyFrames() {
        return List.copyOf(keyFrames);
    }
}
