package org.gstdff.model;

import org.gstdff.core.LucasKanade;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.VectorField;

/**
 * A flow followed by Lucas-Kanade steps ({@link LucasKanade}) on the two frames' grey images: one stream's, as it
 * keeps that stream's last two smoothed grey images (a key frame's is made once; chained, each frame's once) and
 * its scratch arrays. The scale field, if any, and the warp are the inner flow's.
 */
final class RefinedFlowNet implements FlowNet, AutoCloseable {

    private final FlowNet inner;
    private final AutoCloseable owned; // the inner flow when this stream owns it (DIS), else null
    private final LucasKanade lucasKanade;
    private final LastTwoFrames<float[]> smoothed = new LastTwoFrames<>(a -> { });
    private final int width; // of the grey images
    private final int height;

    /**
     * @param cellsX the feature grid's width (the flow's)
     * @param owned  closed with this one (the inner flow when it is the stream's own), or null
     * @throws ModelSetException when OpenCV's Java bindings (the grey images) are not installed: at open, not at the
     *                           first frame
     */
    RefinedFlowNet(FlowNet inner, AutoCloseable owned, int cellsX, int cellsY, LucasKanade.Settings settings) {
        try {
            DisFlowNet.loadNative();
        } catch (NoClassDefFoundError e) {
            throw new ModelSetException("flow-refine=lucas-kanade needs OpenCV's Java classes on the classpath: "
                    + "Debian's libopencv-java installs /usr/share/java/opencv.jar (README: Use it in your Maven "
                    + "project); flow-refine=none does without");
        }
        this.inner = inner;
        this.owned = owned;
        this.lucasKanade = new LucasKanade(settings, true);
        this.width = cellsX * settings.scale();
        this.height = cellsY * settings.scale();
    }

    /** The refinement, for logs. */
    String describe() {
        LucasKanade.Settings s = lucasKanade.settings();
        return "Lucas-Kanade x" + s.iterations() + " at " + s.scale() + " px a cell, window " + s.window()
                + (s.still() > 0 ? ", still where the frames differ by <= " + s.still() + " grey" : "");
    }

    FlowNet inner() {
        return inner;
    }

    @Override
    public synchronized FlowField estimate(FrameImage earlier, FrameImage current) {
        LastTwoFrames.Pair<float[]> images = smoothed.get(earlier, current, this::smooth);
        float[] cur = images.current();
        float[] key = images.earlier();
        try (FlowField f = inner.estimate(earlier, current)) {
            float[] refined = lucasKanade.refine(f.vectors(), f.width(), f.height(), cur, key);
            return new VectorField(refined, f instanceof VectorField v ? v.scale() : null, f.width(), f.height());
        }
    }

    private float[] smooth(FrameImage frame) {
        return GreyFrames.smoothed(frame, width, height);
    }

    @Override
    public FeatureMap warp(FeatureMap keyFeatures, FlowField flow) {
        return inner.warp(keyFeatures, flow);
    }

    @Override
    public synchronized void close() {
        smoothed.close();
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + owned + ": " + e.getMessage(), e);
            }
        }
    }
}
