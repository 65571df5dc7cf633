package org.gstdff.core;

/**
 * Chains flow fields: the flow from the current frame to the key frame as the flow to the previous frame followed
 * by the previous frame's flow to the key frame, read where the first lands:
 * {@code toKey(p) = step(p) + previousToKey(p + step(p))} (bilinear, clamped to the grid). Between consecutive
 * frames motion is small, which cheap optical flow gets right far more often than one jump over many frames
 * (DIS ULTRAFAST on vtest at key interval 10: person AP 78.7 with one jump, 87.0 chained; docs/ABLATION.md).
 */
public final class FlowComposition {

    private FlowComposition() {
    }

    /**
     * @param step          {@code w*h*2} floats (dx, dy) in cells, current frame to previous frame
     * @param previousToKey {@code w*h*2} floats, previous frame to key frame
     * @return a new field, current frame to key frame
     */
    public static float[] compose(float[] step, float[] previousToKey, int w, int h) {
        if (step.length != w * h * 2 || previousToKey.length != w * h * 2) {
            throw new IllegalArgumentException("flow fields of " + step.length + " and " + previousToKey.length
                    + " floats for a " + w + "x" + h + " grid (" + w * h * 2 + ")");
        }
        float[] out = along(step, previousToKey, 2, w, h);
        for (int p = 0; p < out.length; p++) {
            out[p] += step[p];
        }
        return out;
    }

    /**
     * Carries a per-cell mask along a step, as {@link #compose} carries the flow: {@code mask(p) =
     * stepMask(p) * previousMask(p + step(p))}. A cell counts on the chained path to the key frame where it counts on
     * every link (a teacher's forward-backward check, say).
     *
     * @param stepMask     {@code w*h} floats, the step's own mask
     * @param previousMask {@code w*h} floats, the previous frame's mask on its path to the key frame
     */
    public static float[] composeMask(float[] step, float[] stepMask, float[] previousMask, int w, int h) {
        if (step.length != w * h * 2 || stepMask.length != w * h || previousMask.length != w * h) {
            throw new IllegalArgumentException("a flow of " + step.length + " floats and masks of " + stepMask.length
                    + " and " + previousMask.length + " for a " + w + "x" + h + " grid (" + w * h * 2 + ", " + w * h
                    + ")");
        }
        float[] out = along(step, previousMask, 1, w, h);
        for (int p = 0; p < out.length; p++) {
            out[p] *= stepMask[p];
        }
        return out;
    }

    /** {@code field} ({@code channels} per cell) read where each cell's step lands. */
    private static float[] along(float[] step, float[] field, int channels, int w, int h) {
        float[] out = new float[w * h * channels];
        BilinearTap t = new BilinearTap();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = 2 * (y * w + x);
                // clamped: a point that left the grid keeps the value of the border it left by
                t.at(Math.min(w - 1, Math.max(0, x + step[p])), Math.min(h - 1, Math.max(0, y + step[p + 1])), w, h);
                for (int c = 0; c < channels; c++) {
                    out[(y * w + x) * channels + c] = t.sample(field, channels, c, null);
                }
            }
        }
        return out;
    }
}
