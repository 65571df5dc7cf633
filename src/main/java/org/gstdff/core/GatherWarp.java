package org.gstdff.core;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * The DFF bilinear warp as one gather pass over NHWC maps (the same result as {@link ReferenceWarp}, in float):
 * per position the four neighbour rows of the key map are read once and blended channel by channel, with no
 * intermediate maps. Flow and scale are read from (direct) buffers, so they come straight from TensorFlow tensors.
 * Rows may be split across the common fork-join pool.
 */
public final class GatherWarp {

    private GatherWarp() {
    }

    /**
     * @param key   h*w*c floats, as an array: read once per key frame, it lets the channel loop run on plain loads,
     *              which the JIT vectorises (a direct-buffer version was 35% slower, BENCHMARKS.md)
     * @param flow  h*w*2 floats (dx, dy), feature pixels, current frame to key frame
     * @param scale h*w*c floats, or null for 1
     * @param out   h*w*c floats, written; the caller copies it into the output tensor in bulk
     */
    public static void warp(float[] key, FloatBuffer flow, FloatBuffer scale, float[] out, int h, int w, int c,
            boolean parallel) {
        IntStream rows = IntStream.range(0, h);
        (parallel ? rows.parallel() : rows).forEach(y -> row(key, flow, scale, out, y, h, w, c));
    }

    private static void row(float[] key, FloatBuffer flow, FloatBuffer scale, float[] out, int y, int h, int w,
            int c) {
        for (int x = 0; x < w; x++) {
            int p = y * w + x;
            float sx = x + flow.get(2 * p);
            float sy = y + flow.get(2 * p + 1);
            int x0 = (int) Math.floor(sx);
            int y0 = (int) Math.floor(sy);
            float ax = sx - x0;
            float ay = sy - y0;
            boolean in00 = inside(x0, y0, w, h);
            boolean in10 = inside(x0 + 1, y0, w, h);
            boolean in01 = inside(x0, y0 + 1, w, h);
            boolean in11 = inside(x0 + 1, y0 + 1, w, h);
            float w00 = in00 ? (1 - ax) * (1 - ay) : 0;
            float w10 = in10 ? ax * (1 - ay) : 0;
            float w01 = in01 ? (1 - ax) * ay : 0;
            float w11 = in11 ? ax * ay : 0;
            int o = p * c;
            int i00 = in00 ? (y0 * w + x0) * c : 0;
            int i10 = in10 ? (y0 * w + x0 + 1) * c : 0;
            int i01 = in01 ? ((y0 + 1) * w + x0) * c : 0;
            int i11 = in11 ? ((y0 + 1) * w + x0 + 1) * c : 0;
            for (int ch = 0; ch < c; ch++) {
                out[o + ch] = w00 * key[i00 + ch] + w10 * key[i10 + ch] + w01 * key[i01 + ch] + w11 * key[i11 + ch];
            }
            if (scale != null) {
                for (int ch = 0; ch < c; ch++) {
                    out[o + ch] *= scale.get(o + ch);
                }
            }
        }
    }

    private static boolean inside(int x, int y, int w, int h) {
        return x >= 0 && y >= 0 && x < w && y < h;
    }
}
