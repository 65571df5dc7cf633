package org.gstdff.core;

/**
 * The bilinear feature warp of Deep Feature Flow written out directly, one position at a time: the oracle the
 * graph implementation is tested against. Maps are NHWC with N = 1, stored row-major as {@code [h][w][c]}.
 * <p>
 * For each position p = (x, y) the output is {@code scale(p) * key(p + flow(p))}, where {@code flow(p) =
 * (dx, dy)} is in feature-map pixels (backward flow, current frame to key frame) and positions index pixel
 * centres. Each of the four bilinear neighbours that falls outside the map contributes zero, or, for maps whose
 * "nothing" is not zero (a detection head's logits), a given value per channel.
 */
public final class ReferenceWarp {

    private ReferenceWarp() {
    }

    /**
     * @param key   key feature map, {@code h*w*c} floats
     * @param flow  flow field, {@code h*w*2} floats: dx then dy
     * @param scale per position and channel multiplier, {@code h*w*c} floats, or null for 1
     */
    public static float[] warp(float[] key, float[] flow, float[] scale, int h, int w, int c) {
        return warp(key, flow, scale, null, h, w, c);
    }

    /** @param outside per-channel value of a sample outside the map, {@code c} floats; null for 0 */
    public static float[] warp(float[] key, float[] flow, float[] scale, float[] outside, int h, int w, int c) {
        float[] out = new float[h * w * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                double sx = x + flow[2 * p];
                double sy = y + flow[2 * p + 1];
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double ax = sx - x0;
                double ay = sy - y0;
                for (int ch = 0; ch < c; ch++) {
                    double v = (1 - ax) * (1 - ay) * at(key, outside, x0, y0, ch, h, w, c)
                            + ax * (1 - ay) * at(key, outside, x0 + 1, y0, ch, h, w, c)
                            + (1 - ax) * ay * at(key, outside, x0, y0 + 1, ch, h, w, c)
                            + ax * ay * at(key, outside, x0 + 1, y0 + 1, ch, h, w, c);
                    float s = scale == null ? 1f : scale[p * c + ch];
                    out[p * c + ch] = (float) (v * s);
                }
            }
        }
        return out;
    }

    private static double at(float[] key, float[] outside, int x, int y, int ch, int h, int w, int c) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return outside == null ? 0 : outside[ch];
        }
        return key[(y * w + x) * c + ch];
    }
}
