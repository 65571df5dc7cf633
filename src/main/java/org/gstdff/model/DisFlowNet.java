package org.gstdff.model;

import org.gstdff.engine.VectorField;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiFunction;

import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;
import org.opencv.core.Mat;
import org.opencv.video.DISOpticalFlow;

/**
 * OpenCV's DIS optical flow in place of a flow network (the paper's shallow-feature-flow baseline, and a cheap flow
 * of its own at its fast presets): the two frames as grey images at {@code k} pixels per feature cell, current to
 * earlier frame, averaged over each cell and converted to feature pixels; then the set's own warp with scale 1.
 */
public final class DisFlowNet implements FlowNet, AutoCloseable {

    /** DIS's presets, fastest first. */
    public enum Preset {
        ULTRAFAST(DISOpticalFlow.PRESET_ULTRAFAST), FAST(DISOpticalFlow.PRESET_FAST), MEDIUM(
                DISOpticalFlow.PRESET_MEDIUM);

        private final int code;

        Preset(int code) {
            this.code = code;
        }

        public String nick() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Preset parse(String s) {
            for (Preset p : values()) {
                if (p.nick().equals(s.trim().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown DIS preset '" + s + "': expected ultrafast, fast or medium");
        }
    }

    /**
     * How DIS runs.
     *
     * @param width the width of the grey images DIS compares, in pixels: rounded to a whole number of pixels per
     *              feature cell (at least 1); 0 for the feature network's own input width
     */
    public record Settings(Preset preset, int width) {
        public Settings {
            if (width < 0) {
                throw new IllegalArgumentException("DIS width must be >= 0, got " + width);
            }
        }

        /** MEDIUM at the feature network's input size: the shallow-feature-flow reference and training teacher. */
        public static final Settings REFERENCE = new Settings(Preset.MEDIUM, 0);
    }

    private static boolean loaded;

    private final BiFunction<FeatureMap, FlowField, FeatureMap> warp;
    private final int perCell; // DIS pixels per feature cell, each way
    private final int cellsX;
    private final int cellsY;
    private final DISOpticalFlow dis;
    private final String description;

    // the last two frames' grey images (used under this object's lock)
    private final LastTwoFrames<Mat> grey = new LastTwoFrames<>(Mat::release);
    private float[] pixelFlow = new float[0];

    /**
     * @param stride the feature network's input pixels per cell, the resolution used when the width is 0
     * @param warp   the set's warp, applied to the key features with this flow
     */
    DisFlowNet(int cellsX, int cellsY, int stride, Settings settings,
            BiFunction<FeatureMap, FlowField, FeatureMap> warp) {
        loadNative();
        this.cellsX = cellsX;
        this.cellsY = cellsY;
        this.perCell = settings.width() == 0 ? stride : Math.max(1, Math.round((float) settings.width() / cellsX));
        this.warp = warp;
        dis = DISOpticalFlow.create(settings.preset().code);
        description = "DIS " + settings.preset().nick() + " at " + cellsX * perCell + "x" + cellsY * perCell;
    }

    /** Preset and resolution, for logs. */
    public String describe() {
        return description;
    }

    /** Loads Debian's OpenCV JNI library (libopencv-java), naming the package when it is missing. */
    static synchronized void loadNative() {
        if (loaded) {
            return;
        }
        Path dir = Path.of("/usr/lib/jni");
        try (DirectoryStream<Path> libs = Files.newDirectoryStream(dir, "libopencv_java*.so")) {
            for (Path p : libs) {
                System.load(p.toString());
                loaded = true;
                return;
            }
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new ModelSetException("flow=dis and flow-refine=lucas-kanade need OpenCV's Java bindings (Debian "
                    + "package libopencv-java): " + e.getMessage());
        }
        throw new ModelSetException("flow=dis and flow-refine=lucas-kanade need OpenCV's Java bindings: no "
                + "libopencv_java*.so in " + dir + " (install the Debian package libopencv-java)");
    }

    @Override
    public synchronized FlowField estimate(FrameImage earlier, FrameImage current) {
        int k = perCell;
        int gw = cellsX * k;
        int gh = cellsY * k;
        LastTwoFrames.Pair<Mat> images = grey.get(earlier, current, f -> GreyFrames.of(f, gw, gh));
        Mat from = images.earlier();
        Mat to = images.current();
        Mat flow = new Mat();
        try {
            dis.calc(to, from, flow); // for each current pixel p: earlier(p + flow(p)) ~ current(p)
            if (pixelFlow.length != gw * gh * 2) {
                pixelFlow = new float[gw * gh * 2];
            }
            flow.get(0, 0, pixelFlow);
            float[] pooled = new float[cellsX * cellsY * 2];
            float norm = 1f / (k * k * k); // the mean over the cell, and DIS pixels to feature pixels
            for (int y = 0; y < gh; y++) {
                int cy = y / k;
                for (int x = 0; x < gw; x++) {
                    int o = (cy * cellsX + x / k) * 2;
                    int i = (y * gw + x) * 2;
                    pooled[o] += pixelFlow[i] * norm;
                    pooled[o + 1] += pixelFlow[i + 1] * norm;
                }
            }
            return new VectorField(pooled, null, cellsX, cellsY);
        } finally {
            flow.release();
        }
    }

    /** Frees the cached grey images. */
    @Override
    public synchronized void close() {
        grey.close();
    }

    @Override
    public FeatureMap warp(FeatureMap keyFeatures, FlowField flow) {
        return warp.apply(keyFeatures, flow);
    }
}
