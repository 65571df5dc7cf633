package org.gstdff.gst;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Format;
import org.freedesktop.gstreamer.Fraction;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.gstdff.core.Frame;

import com.sun.jna.Pointer;

/**
 * Decodes a video file into packed RGB frames of a chosen size, in memory: whole short clips, or chosen runs of
 * frames of a long recording.
 */
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
        return decode(clip, width, height, i -> i % every == 0, max);
    }

    /**
     * Runs of consecutive frames, each {@code [from, to)}, in increasing order and disjoint: one list per run, a
     * run cut short where the clip ends (and the runs after it empty). Frames outside the runs are decoded and
     * dropped, so memory holds the runs' frames only, however long the clip.
     */
    public static List<List<byte[]>> readRuns(Path clip, int width, int height, List<int[]> runs) {
        int total = 0;
        int last = 0;
        for (int[] r : runs) {
            if (r[0] < last || r[1] <= r[0]) {
                throw new IllegalArgumentException("runs must be non-empty, increasing and disjoint; got "
                        + runs.stream().map(x -> x[0] + "-" + x[1]).toList());
            }
            last = r[1];
            total += r[1] - r[0];
        }
        int[] next = {0}; // the first run that may still hold an index (indexes arrive in order)
        List<byte[]> frames = decode(clip, width, height, i -> {
            while (next[0] < runs.size() && i >= runs.get(next[0])[1]) {
                next[0]++;
            }
            return next[0] < runs.size() && i >= runs.get(next[0])[0];
        }, total);
        List<List<byte[]>> out = new ArrayList<>();
        int at = 0;
        for (int[] r : runs) {
            int n = Math.min(r[1] - r[0], frames.size() - at);
            out.add(frames.subList(at, at + n));
            at += n;
        }
        return out;
    }

    /**
     * The clip's frame count: its duration times its frame rate where the container gives a duration (no decoding),
     * else counted by decoding every frame.
     */
    public static long frameCount(Path clip) {
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException("no such video: " + clip);
        }
        String desc = "filesrc location=\"" + clip + "\" ! decodebin ! video/x-raw ! fakesink name=sink";
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            Pipeline p = l.pipeline();
            p.pause();
            if (p.getState(TimeUnit.SECONDS.toNanos(20)) == State.PAUSED) {
                long ns = p.queryDuration(Format.TIME);
                Caps caps = p.getElementByName("sink").getStaticPad("sink").getCurrentCaps();
                Fraction fps = caps == null || caps.size() == 0 || !caps.getStructure(0).hasField("framerate") ? null
                        : caps.getStructure(0).getFraction("framerate");
                if (ns > 0 && fps != null && fps.getNumerator() > 0 && fps.getDenominator() > 0) {
                    return Math.round(ns / 1e9 * fps.getNumerator() / fps.getDenominator());
                }
            }
        }
        long[] n = {0};
        decode(clip, 16, 16, i -> {
            n[0] = i + 1;
            return false;
        }, 0);
        return n[0];
    }

    /** Decodes the whole clip, keeping the frames whose index passes {@code keep}, at most {@code max} of them. */
    private static List<byte[]> decode(Path clip, int width, int height, IntPredicate keep, int max) {
        if (!Files.isRegularFile(clip)) {
            throw new IllegalArgumentException("no such video: " + clip);
        }
        if (width % 4 != 0) {
            throw new IllegalArgumentException("width must be a multiple of 4, got " + width);
        }
        // frames not kept are dropped at the gate, before conversion and scaling: a long recording costs its decode
        String desc = "filesrc location=\"" + clip + "\" ! decodebin ! identity name=gate ! videoconvert ! "
                + "videoscale ! video/x-raw,format=RGB,width=" + width + ",height=" + height
                + ",pixel-aspect-ratio=1/1 ! identity name=tap ! fakesink sync=false";
        List<byte[]> frames = new ArrayList<>();
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            int[] index = {0};
            int[] passed = {0};
            GstNative.ProbeCallback gate = RawProbe.add(l.pipeline().getElementByName("gate").getStaticPad("src"),
                    RawProbe.BUFFER, (type, buffer) -> {
                        if (!keep.test(index[0]++) || passed[0] >= max) {
                            return RawProbe.DROP;
                        }
                        passed[0]++;
                        return RawProbe.OK;
                    });
            org.freedesktop.gstreamer.Pad pad = l.pipeline().getElementByName("tap").getStaticPad("src");
            Pointer padPtr = org.freedesktop.gstreamer.glib.Natives.getRawPointer(pad);
            GstNative.ProbeCallback probe = RawProbe.add(pad, RawProbe.BUFFER, (type, buffer) -> {
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
            java.lang.ref.Reference.reachabilityFence(gate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding " + clip, e);
        }
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }
}
