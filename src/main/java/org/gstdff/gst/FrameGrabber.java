package org.gstdff.gst;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.glib.Natives;
import org.gstdff.core.Frame;

import com.sun.jna.Pointer;

/** Copies chosen frames (by index) leaving an element's src pad into images, e.g. for a contact sheet. */
public final class FrameGrabber {

    private final Set<Integer> wanted;
    private final Map<Integer, BufferedImage> images = new TreeMap<>();
    private final Pointer padPtr;
    private final GstNative.ProbeCallback probe; // reachable while installed
    private int index;

    private FrameGrabber(Element element, Set<Integer> wanted) {
        this.wanted = Set.copyOf(wanted);
        Pad pad = element.getStaticPad("src");
        padPtr = Natives.getRawPointer(pad);
        probe = RawProbe.add(pad, RawProbe.BUFFER, this::onBuffer);
    }

    public static FrameGrabber on(Element element, Set<Integer> frameIndices) {
        return new FrameGrabber(element, frameIndices);
    }

    private int onBuffer(int type, Pointer buffer) {
        int i = index++;
        if (!wanted.contains(i)) {
            return RawProbe.OK;
        }
        VideoLayout layout = VideoLayout.ofPad(padPtr);
        try (RawBuffer.Mapping m = RawBuffer.map(buffer)) {
            Frame f = layout.frame(buffer, m.bytes());
            BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
            int bpp = f.format().bytesPerPixel();
            int base = f.pixels().position();
            for (int y = 0; y < f.height(); y++) {
                for (int x = 0; x < f.width(); x++) {
                    int p = base + y * f.stride() + x * bpp;
                    int r = f.pixels().get(p + f.format().red()) & 0xff;
                    int g = f.pixels().get(p + f.format().green()) & 0xff;
                    int b = f.pixels().get(p + f.format().blue()) & 0xff;
                    img.setRGB(x, y, r << 16 | g << 8 | b);
                }
            }
            synchronized (this) {
                images.put(i, img);
            }
        }
        return RawProbe.OK;
    }

    public synchronized Map<Integer, BufferedImage> images() {
        return new TreeMap<>(images);
    }
}
