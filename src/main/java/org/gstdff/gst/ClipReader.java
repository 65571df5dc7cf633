package org.gstdff.gst;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.Frame;

import com.sun.jna.Pointer;

/** Decodes a video file into packed RGB frames of a chosen size, in memory (training clips are short). */
public final class ClipReader {

    private ClipReader() {
    }

    /**
     * @param width  output width (a multiple of 4, so RGB rows are packed)
     * @param every  keep every N-th frame (1: all)
     * @param max    stop after this many kept frames
     * @return packed RGB rows, {@code width * height * 3} bytes per frame
     */
    public static List<byte[]> read(Path clip, int width, int height, int every, int max) {
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException("no such video: " + clip);
        }
        if (width % 4 != 0) {
            throw new IllegalArgumentException("width must be a multiple of 4, got " + width);
        }
        String desc = "filesrc location=\"" + clip + "\" ! decodebin ! videoconvert ! videoscale ! "
                + "video/x-raw,format=RGB,width=" + width + ",height=" + height + ",pixel-aspect-ratio=1/1 ! "
                + "identity name=tap ! fakesink sync=false";
        List<byte[]> frames = new ArrayList<>();
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            org.freedesktop.gstreamer.Pad pad = l.pipeline().getElementByName("tap").getStaticPad("src");
            Pointer padPtr = org.freedesktop.gstreamer.glib.Natives.getRawPointer(pad);
            int[] index = {0};
            GstNative.ProbeCallback probe = RawProbe.add(pad, RawProbe.BUFFER, (type, buffer) -> {
                if (index[0]++ % every != 0 || frames.size() >= max) {
                    return RawProbe.OK;
                }
                try (RawBuffer.Mapping m = RawBuffer.map(buffer)) {
                    Frame f = VideoLayout.ofPad(padPtr).frame(buffer, m.bytes());
                    byte[] rgb = new byte[width * height * 3];
                    ByteBuffer src = f.pixels().duplicate();
                    int base = src.position();
                    for (int y = 0; y < height; y++) {
                        src.position(base + y * f.stride());
                        src.get(rgb, y * width * 3, width * 3);
                    }
                    synchronized (frames) {
                        frames.add(rgb);
                    }
                }
                return RawProbe.OK;
            });
            PipelineLauncher.Outcome o = l.run(0, null);
            if (o != PipelineLauncher.Outcome.EOS) {
                throw new IllegalStateException("cannot decode " + clip + ": " + l.error());
            }
            java.lang.ref.Reference.reachabilityFence(probe);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding " + clip, e);
        }
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }
}
