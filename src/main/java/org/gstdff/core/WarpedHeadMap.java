package org.gstdff.core;

/**
 * A key frame's head map warped to the current frame by a flow field, without computing the warp: a cell is
 * sampled (bilinearly, with the key map's outside values past its borders, exactly as {@link GatherWarp} would)
 * only when a decoder reads it. A bilinear sample is a convex combination of its four neighbours, so no class
 * reaches the floor unless it does at one of them (the candidates): a decoder reading only candidates samples a few
 * cells and classes. Scale fields are not supported here (they break that): warp those densely. Not thread-safe (one
 * decoder reads it).
 */
public final class WarpedHeadMap implements HeadMap {

    private final DenseHeadMap key;
    private final float[] flow;
    private final float[] map;
    private final float[] outside;
    private final int w;
    private final int h;
    private final int c;
    private final BilinearTap tap = new BilinearTap();
    private final boolean[] seen;
    private int tapCell = -1;

    /** @param flow {@code h*w*2} floats (dx, dy) in cells, current frame to key frame; not copied */
    public WarpedHeadMap(DenseHeadMap key, float[] flow) {
        this.w = key.width();
        this.h = key.height();
        if (flow.length != w * h * 2) {
            throw new IllegalArgumentException("flow holds " + flow.length + " floats, a " + w + "x" + h
                    + " map needs " + w * h * 2);
        }
        this.key = key;
        this.flow = flow;
        this.map = key.array();
        this.outside = key.outside();
        this.c = key.channels();
        this.seen = new boolean[key.classes()];
    }

    private BilinearTap tap(int cell) {
        if (cell != tapCell) {
            tap.at(cell % w + flow[2 * cell], cell / w + flow[2 * cell + 1], w, h);
            tapCell = cell;
        }
        return tap;
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
        return key.classes();
    }

    @Override
    public float floor() {
        return key.floor();
    }

    @Override
    public int candidates(int cell, int[] out) {
        // most cells sample only key cells without a candidate: said without making the tap (a sample past an
        // edge, or NaN, makes it: the outside may have candidates)
        float sx = cell % w + flow[2 * cell];
        float sy = cell / w + flow[2 * cell + 1];
        if (sx >= 0 && sy >= 0 && sx < w - 1 && sy < h - 1 && !key.mayHaveCandidates(sx, sy)) {
            return 0;
        }
        return key.tapCandidates(tap(cell), out, seen);
    }

    @Override
    public float value(int cell, int ch) {
        return tap(cell).sample(map, c, ch, outside);
    }

    @Override
    public float peak(int cell, int ch) {
        BilinearTap t = tap(cell);
        float o = outside == null ? 0f : outside[ch];
        float m = t.i00 >= 0 ? map[t.i00 * c + ch] : o;
        m = Math.max(m, t.i10 >= 0 ? map[t.i10 * c + ch] : o);
        m = Math.max(m, t.i01 >= 0 ? map[t.i01 * c + ch] : o);
        return Math.max(m, t.i11 >= 0 ? map[t.i11 * c + ch] : o);
    }

    @Override
    public void values(int cell, int from, int to, float[] out) {
        BilinearTap t = tap(cell);
        for (int ch = from; ch < to; ch++) {
            out[ch - from] = t.sample(map, c, ch, outside);
        }
    }
}
