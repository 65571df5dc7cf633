package org.gstdff.core;

/**
 * A head map held in full ({@code [h][w][c]} floats). One pass when the map is made (a key frame) finds the classes
 * at or above the floor at every cell (a sparse index: ~1,400 of 1.3 M cell-classes on a vtest frame at a 0.05 score
 * floor), for this map's decoder and any warped view of it.
 */
public final class DenseHeadMap implements HeadMap {

    private final float[] map;
    private final int w;
    private final int h;
    private final int c;
    private final int classes;
    private final float[] outside;
    private final float floor;
    private final int[] start; // classes at or above the floor at cell p: index[start[p] .. start[p + 1])
    private final int[] index;
    private final int[] outsideCandidates;
    // per cell (x, y) with x < w - 1 and y < h - 1: whether it or its right, lower or lower-right neighbour has a
    // candidate: the four cells a bilinear sample in [x, x + 1) x [y, y + 1) reads
    private final boolean[] around;

    /**
     * @param map     {@code h*w*c} floats, not copied: the caller no longer writes it
     * @param classes the leading channels that are class logits
     * @param outside the map's value outside its borders, per channel ({@code c} floats; null for 0): what the head
     *                gives on zero features, so that a warp reading past the border sees "nothing there"
     * @param floor   the class logit the candidate index is made for
     */
    public DenseHeadMap(float[] map, int h, int w, int c, int classes, float[] outside, float floor) {
        if (map.length != h * w * c) {
            throw new IllegalArgumentException("head map holds " + map.length + " floats, " + h + "x" + w + "x" + c
                    + " needs " + h * w * c);
        }
        if (classes < 1 || classes > c) {
            throw new IllegalArgumentException(classes + " class channels in a map of " + c);
        }
        if (outside != null && outside.length != c) {
            throw new IllegalArgumentException(outside.length + " outside values for " + c + " channels");
        }
        this.map = map;
        this.h = h;
        this.w = w;
        this.c = c;
        this.classes = classes;
        this.outside = outside;
        this.floor = floor;
        start = new int[h * w + 1];
        int[] found = new int[256];
        int n = 0;
        for (int p = 0, i = 0; p < h * w; p++, i += c) {
            float m = map[i];
            for (int ch = 1; ch < classes; ch++) {
                m = Math.max(m, map[i + ch]);
            }
            start[p] = n;
            if (m >= floor) {
                for (int ch = 0; ch < classes; ch++) {
                    if (map[i + ch] >= floor) {
                        if (n == found.length) {
                            found = java.util.Arrays.copyOf(found, n * 2);
                        }
                        found[n++] = ch;
                    }
                }
            }
        }
        start[h * w] = n;
        index = java.util.Arrays.copyOf(found, n);
        around = new boolean[h * w];
        for (int y = 0; y < h - 1; y++) {
            for (int x = 0, p = y * w; x < w - 1; x++, p++) {
                around[p] = start[p + 2] > start[p] || start[p + w + 2] > start[p + w];
            }
        }
        int[] oc = new int[classes];
        int on = 0;
        for (int ch = 0; ch < classes; ch++) {
            float v = outside == null ? 0f : outside[ch];
            if (v >= floor) {
                oc[on++] = ch;
            }
        }
        outsideCandidates = java.util.Arrays.copyOf(oc, on);
    }

    @Override
    public int width() {
        return w;
    }

    @Override
    public int height() {
        return h;
    }

    @Override
    public int channels() {
        return c;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public float floor() {
        return floor;
    }

    @Override
    public int candidates(int cell, int[] out) {
        int n = start[cell + 1] - start[cell];
        System.arraycopy(index, start[cell], out, 0, n);
        return n;
    }

    @Override
    public float value(int cell, int ch) {
        return map[cell * c + ch];
    }

    @Override
    public void values(int cell, int from, int to, float[] out) {
        System.arraycopy(map, cell * c + from, out, 0, to - from);
    }

    /** The map itself, {@code h*w*c} floats; read-only by contract. */
    public float[] array() {
        return map;
    }

    /** Per-channel value outside the borders, or null for 0. */
    public float[] outside() {
        return outside;
    }

    /**
     * Whether a bilinear sample at {@code (sx, sy)}, inside the grid and at least a cell from its right and bottom
     * edges ({@code 0 <= sx < w - 1}, {@code 0 <= sy < h - 1}), may have a candidate: false says it has none,
     * without making the tap.
     */
    boolean mayHaveCandidates(float sx, float sy) {
        return around[(int) sy * w + (int) sx];
    }

    /**
     * The union of the four bilinear neighbours' candidate classes (and the outside's, for neighbours past the
     * border): no class left out reaches the floor in a bilinear sample, which is a convex combination of them.
     */
    int tapCandidates(BilinearTap t, int[] out, boolean[] seen) {
        int n = 0;
        n = addCandidates(t.i00, out, n, seen);
        n = addCandidates(t.i10, out, n, seen);
        n = addCandidates(t.i01, out, n, seen);
        n = addCandidates(t.i11, out, n, seen);
        for (int i = 0; i < n; i++) {
            seen[out[i]] = false;
        }
        return n;
    }

    private int addCandidates(int cell, int[] out, int n, boolean[] seen) {
        int[] from = index;
        int a = 0;
        int b = 0;
        if (cell >= 0) {
            a = start[cell];
            b = start[cell + 1];
        } else {
            from = outsideCandidates;
            b = from.length;
        }
        for (int i = a; i < b; i++) {
            int ch = from[i];
            if (!seen[ch]) {
                seen[ch] = true;
                out[n++] = ch;
            }
        }
        return n;
    }
}
