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
        float[] out = new float[step.length];
        BilinearTap t = new BilinearTap();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = 2 * (y * w + x);
                // clamped: a point that left the grid keeps the motion of the border it left by
                t.at(Math.min(w - 1, Math.max(0, x + step[p])), Math.min(h - 1, Math.max(0, y + step[p + 1])), w, h);
                out[p] = step[p] + t.sample(previousToKey, 2, 0, null);
                out[p + 1] = step[p + 1] + t.sample(previousToKey, 2, 1, null);
            }
        }
        return out;
    }
}
