package org.gstdff.core;

import java.util.stream.IntStream;

/**
 * The DFF bilinear warp as one gather pass over NHWC maps (the same result as {@link ReferenceWarp}, in float):
 * per position the four neighbour rows of the key map are read once and blended channel by channel, with no
 * intermediate maps. Rows may be split across the common fork-join pool.
 */
public final class GatherWarp {

    private GatherWarp() {
    }

    /**
     * @param key     h*w*c floats, as an array: read once per key frame, it lets the channel loop run on plain loads,
     *                which the JIT vectorises (a direct-buffer version was 35% slower, BENCHMARKS.md)
     * @param flow    h*w*2 floats (dx, dy), feature pixels, current frame to key frame
     * @param scale   h*w*c floats, or null for 1
     * @param outside c floats: the value of a sample outside the map, per channel; null for 0
     * @param out     h*w*c floats, written; the caller copies it into the output tensor in bulk
     */
    public static void warp(float[] key, float[] flow, float[] scale, float[] outside, float[] out, int h, int w,
            int c, boolean parallel) {
        IntStream rows = IntStream.range(0, h);
        (parallel ? rows.parallel() : rows).forEach(y -> row(key, flow, scale, outside, out, y, h, w, c));
    }

    private static void row(float[] key, float[] flow, float[] scale, float[] outside, float[] out, int y, int h,
            int w, int c) {
        BilinearTap t = new BilinearTap();
        for (int x = 0; x < w; x++) {
            int p = y * w + x;
            t.at(x + flow[2 * p], y + flow[2 * p + 1], w, h);
            int o = p * c;
            if (t.inside()) {
                // the common case, kept free of per-channel branches so it vectorises
                int i00 = t.i00 * c;
                int i10 = t.i10 * c;
                int i01 = t.i01 * c;
                int i11 = t.i11 * c;
                for (int ch = 0; ch < c; ch++) {
                    out[o + ch] = t.w00 * key[i00 + ch] + t.w10 * key[i10 + ch] + t.w01 * key[i01 + ch]
                            + t.w11 * key[i11 + ch];
                }
            } else {
                for (int ch = 0; ch < c; ch++) {
                    out[o + ch] = t.sample(key, c, ch, outside);
                }
            }
            if (scale != null) {
                for (int ch = 0; ch < c; ch++) {
                    out[o + ch] *= scale[o + ch];
                }
            }
        }
    }
}
