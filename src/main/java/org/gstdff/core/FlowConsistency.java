package org.gstdff.core;

/**
 * The forward-backward check of a pair of flow fields: where a pixel is seen in both frames, the flow from the
 * current frame and the other frame's flow back, read where the first lands, cancel. Where they do not, the pixel is
 * occluded or the flow is wrong there (Sundaram et al. 2010; the thresholds are UFlow's and Meister et al.'s).
 * The graph version for a network's own flows is in the training code; this one checks an external teacher's.
 */
public final class FlowConsistency {

    private FlowConsistency() {
    }

    /**
     * @param forward  {@code w*h*2} floats (dx, dy) in cells, current frame to key frame
     * @param backward {@code w*h*2} floats, key frame to current frame
     * @return {@code w*h} values: 1 where |f + b(p + f)|^2 < 0.01 (|f|^2 + |b(p + f)|^2) + 0.5 and p + f lies in the
     *         grid, else 0
     */
    public static float[] visible(float[] forward, float[] backward, int w, int h) {
        if (forward.length != w * h * 2 || backward.length != w * h * 2) {
            throw new IllegalArgumentException("flow fields of " + forward.length + " and " + backward.length
                    + " floats for a " + w + "x" + h + " grid (" + w * h * 2 + ")");
        }
        float[] out = new float[w * h];
        BilinearTap t = new BilinearTap();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                float fx = forward[2 * p];
                float fy = forward[2 * p + 1];
                float sx = x + fx;
                float sy = y + fy;
                if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) {
                    continue; // left the frame: nothing to compare with
                }
                t.at(sx, sy, w, h);
                float bx = t.sample(backward, 2, 0, null);
                float by = t.sample(backward, 2, 1, null);
                float dx = fx + bx;
                float dy = fy + by;
                float bound = 0.01f * (fx * fx + fy * fy + bx * bx + by * by) + 0.5f;
                out[p] = dx * dx + dy * dy < bound ? 1f : 0f;
            }
        }
        return out;
    }
}
