package org.gstdff.core;

/**
 * The four bilinear neighbours of one sampling position on an h x w grid whose positions index cell centres: their
 * cell indices ({@code -1} outside the grid) and weights. The weights are never zeroed for outside neighbours: the
 * caller decides what outside means (zero for features, the head's output on zero features for head maps), so the
 * weights always sum to one. One mutable instance per thread, reused position after position.
 */
public final class BilinearTap {

    public int i00;
    public int i10;
    public int i01;
    public int i11;
    public float w00;
    public float w10;
    public float w01;
    public float w11;

    /** Points the tap at {@code (sx, sy)}, in cell units. */
    public BilinearTap at(float sx, float sy, int w, int h) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        float ax = sx - x0;
        float ay = sy - y0;
        w00 = (1 - ax) * (1 - ay);
        w10 = ax * (1 - ay);
        w01 = (1 - ax) * ay;
        w11 = ax * ay;
        i00 = index(x0, y0, w, h);
        i10 = index(x0 + 1, y0, w, h);
        i01 = index(x0, y0 + 1, w, h);
        i11 = index(x0 + 1, y0 + 1, w, h);
        return this;
    }

    /** Whether all four neighbours lie inside the grid. */
    public boolean inside() {
        return (i00 | i10 | i01 | i11) >= 0;
    }

    /**
     * The sampled value of channel {@code ch} of an {@code [h][w][c]} map; an outside neighbour contributes
     * {@code outside[ch]} (0 when {@code outside} is null).
     */
    public float sample(float[] map, int c, int ch, float[] outside) {
        float o = outside == null ? 0f : outside[ch];
        return w00 * (i00 >= 0 ? map[i00 * c + ch] : o) + w10 * (i10 >= 0 ? map[i10 * c + ch] : o)
                + w01 * (i01 >= 0 ? map[i01 * c + ch] : o) + w11 * (i11 >= 0 ? map[i11 * c + ch] : o);
    }

    private static int index(int x, int y, int w, int h) {
        return x >= 0 && y >= 0 && x < w && y < h ? y * w + x : -1;
    }
}
