package org.gstdff.core;

/**
 * Lucas-Kanade steps on a flow field: the key frame's grey image is warped by the flow, and in a window around each
 * pixel the increment that best explains the brightness difference left by the two frames' gradients is solved for
 * (least squares, regularised towards no increment, at most one pixel a step) and added; the field then goes back
 * to the grid as the mean over each cell's pixels. A small flow network's regression lands a walker near where it
 * went but not to the sub-pixel (0.45 cells a frame on vtest), and chaining adds up what it misses; this step is
 * where DIS gets its precision from (patch inverse search is the same least squares), and needs a start within about
 * a pixel, which is what the network gives it.
 * <p>
 * One instance per stream: it keeps its scratch arrays between calls (a 256x256 image needs ~12 of them) so a long
 * run allocates only the result.
 */
public final class LucasKanade {

    /**
     * @param iterations the steps (at least 1)
     * @param scale      the grey images at this many pixels per grid cell, each way (1, 2 or 4)
     * @param window     the least-squares window's side in those pixels (odd)
     * @param lambda     regularisation of the 2x2 system per window pixel, in squared grey-level gradient (grey levels
     *                   in 0-1): where the window's texture is weaker than this the increment shrinks towards 0
     */
    public record Settings(int iterations, int scale, int window, float lambda) {
        public Settings {
            if (iterations < 1) {
                throw new IllegalArgumentException("Lucas-Kanade iterations must be >= 1, got " + iterations);
            }
            if (scale != 1 && scale != 2 && scale != 4) {
                throw new IllegalArgumentException("the Lucas-Kanade scale is 1, 2 or 4 pixels per cell, got "
                        + scale);
            }
            if (window < 1 || window % 2 == 0) {
                throw new IllegalArgumentException("the Lucas-Kanade window is an odd number of pixels, got "
                        + window);
            }
            if (!(lambda > 0) || Float.isInfinite(lambda)) {
                throw new IllegalArgumentException("the Lucas-Kanade regularisation must be > 0, got " + lambda);
            }
        }
    }

    private final Settings settings;
    private int w;
    private int h;
    private float[] cur; // the caller's, for the call
    private float[] ref;
    private float[] curDx;
    private float[] curDy;
    private float[] fx;
    private float[] fy;
    private float[] warped;
    private boolean[] inside;
    private float[][] terms; // ix*ix, ix*iy, iy*iy, ix*it, iy*it
    private float[] line;
    private float[] column;
    private int[] tapIndex;
    private float[] tapWeight;
    private float[] boxed;

    public LucasKanade(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The refined field.
     *
     * @param flow    {@code gw*gh*2} floats (dx, dy) in cells, current frame to key frame; not modified
     * @param current the current frame's grey image, {@code (gw*scale) x (gh*scale)}, row-major, as {@link #smooth}
     *                makes it
     * @param key     the key (or previous) frame's, the same
     * @return a new {@code gw*gh*2} field
     */
    public float[] refine(float[] flow, int gw, int gh, float[] current, float[] key) {
        int k = settings.scale();
        if (flow.length != gw * gh * 2) {
            throw new IllegalArgumentException("flow holds " + flow.length + " floats, a " + gw + "x" + gh
                    + " grid needs " + gw * gh * 2);
        }
        if (current.length != gw * k * gh * k || key.length != current.length) {
            throw new IllegalArgumentException("grey images of " + current.length + " and " + key.length
                    + " pixels, the " + gw + "x" + gh + " grid at " + k + " pixels a cell needs " + gw * k * gh * k);
        }
        allocate(gw * k, gh * k);
        cur = current;
        ref = key;
        derivatives(cur, curDx, curDy);
        upsample(flow, gw, gh, k);
        for (int i = 0; i < settings.iterations(); i++) {
            step();
        }
        return downsample(gw, gh, k);
    }

    private void allocate(int width, int height) {
        if (width == w && height == h) {
            return;
        }
        w = width;
        h = height;
        int n = w * h;
        curDx = new float[n];
        curDy = new float[n];
        fx = new float[n];
        fy = new float[n];
        warped = new float[n];
        inside = new boolean[n];
        terms = new float[5][n];
        line = new float[w + 1];
        column = new float[w];
        tapIndex = new int[w];
        tapWeight = new float[w];
        boxed = new float[n];
    }

    /**
     * A grey image as {@link #refine} takes it: 3x3 binomial blur (the border mirrored), so the linearisation holds
     * over a pixel's motion, and grey levels 0-255 to 0-1. Made once per frame (a key frame's serves its interval).
     *
     * @param levels {@code width*height} grey levels, row-major
     */
    public static float[] smooth(float[] levels, int width, int height) {
        if (levels.length != width * height) {
            throw new IllegalArgumentException(levels.length + " grey levels for a " + width + "x" + height
                    + " image");
        }
        float[] out = new float[levels.length];
        float norm = 1f / (16f * 255f);
        for (int y = 0; y < height; y++) {
            int ym = mirror(y - 1, height) * width;
            int y0 = y * width;
            int yp = mirror(y + 1, height) * width;
            for (int x = 0; x < width; x++) {
                int xm = x == 0 ? mirror(-1, width) : x - 1;
                int xp = x == width - 1 ? mirror(width, width) : x + 1;
                float top = levels[ym + xm] + 2 * levels[ym + x] + levels[ym + xp];
                float mid = levels[y0 + xm] + 2 * levels[y0 + x] + levels[y0 + xp];
                float bot = levels[yp + xm] + 2 * levels[yp + x] + levels[yp + xp];
                out[y0 + x] = (top + 2 * mid + bot) * norm;
            }
        }
        return out;
    }

    /** Central differences, 0 on the border row or column across which they are taken. */
    private void derivatives(float[] g, float[] dx, float[] dy) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                dx[p] = x == 0 || x == w - 1 ? 0 : 0.5f * (g[p + 1] - g[p - 1]);
                dy[p] = y == 0 || y == h - 1 ? 0 : 0.5f * (g[p + w] - g[p - w]);
            }
        }
    }

    /** The grid's flow bilinearly at every pixel (cell centres at pixel (c + 0.5) k - 0.5), in pixels. */
    private void upsample(float[] flow, int gw, int gh, int k) {
        // the taps along x are the same on every row: worked out once
        for (int x = 0; x < w; x++) {
            float sx = Math.min(gw - 1, Math.max(0, (x + 0.5f) / k - 0.5f));
            int x0 = Math.max(0, Math.min((int) sx, gw - 2));
            tapIndex[x] = x0;
            tapWeight[x] = sx - x0;
        }
        for (int y = 0; y < h; y++) {
            float sy = Math.min(gh - 1, Math.max(0, (y + 0.5f) / k - 0.5f));
            int y0 = Math.max(0, Math.min((int) sy, gh - 2));
            int y1 = Math.min(y0 + 1, gh - 1);
            float ay = sy - y0;
            int r0 = 2 * y0 * gw;
            int r1 = 2 * y1 * gw;
            for (int x = 0; x < w; x++) {
                int c0 = 2 * tapIndex[x];
                int c1 = gw > 1 ? c0 + 2 : c0;
                float ax = tapWeight[x];
                int p = y * w + x;
                float top = flow[r0 + c0] + ax * (flow[r0 + c1] - flow[r0 + c0]);
                float bot = flow[r1 + c0] + ax * (flow[r1 + c1] - flow[r1 + c0]);
                fx[p] = k * (top + ay * (bot - top));
                top = flow[r0 + c0 + 1] + ax * (flow[r0 + c1 + 1] - flow[r0 + c0 + 1]);
                bot = flow[r1 + c0 + 1] + ax * (flow[r1 + c1 + 1] - flow[r1 + c0 + 1]);
                fy[p] = k * (top + ay * (bot - top));
            }
        }
    }

    /** One Lucas-Kanade step on the pixel flow. */
    private void step() {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                float sx = x + fx[p];
                float sy = y + fy[p];
                inside[p] = sx >= 0 && sy >= 0 && sx <= w - 1 && sy <= h - 1;
                // clamped, so the warped image's gradient is defined everywhere; pixels that left do not count
                sx = Math.min(w - 1, Math.max(0, sx));
                sy = Math.min(h - 1, Math.max(0, sy));
                int x0 = Math.min((int) sx, w - 2);
                int y0 = Math.min((int) sy, h - 2);
                float ax = sx - x0;
                float ay = sy - y0;
                int i = y0 * w + x0;
                warped[p] = (1 - ay) * ((1 - ax) * ref[i] + ax * ref[i + 1])
                        + ay * ((1 - ax) * ref[i + w] + ax * ref[i + w + 1]);
            }
        }
        float[] xx = terms[0];
        float[] xy = terms[1];
        float[] yy = terms[2];
        float[] xt = terms[3];
        float[] yt = terms[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (!inside[p]) {
                    xx[p] = 0;
                    xy[p] = 0;
                    yy[p] = 0;
                    xt[p] = 0;
                    yt[p] = 0;
                    continue;
                }
                // symmetric gradients: the mean of the current frame's and the warped key's
                float wdx = x == 0 || x == w - 1 ? 0 : 0.5f * (warped[p + 1] - warped[p - 1]);
                float wdy = y == 0 || y == h - 1 ? 0 : 0.5f * (warped[p + w] - warped[p - w]);
                float ix = 0.5f * (curDx[p] + wdx);
                float iy = 0.5f * (curDy[p] + wdy);
                float it = warped[p] - cur[p];
                xx[p] = ix * ix;
                xy[p] = ix * iy;
                yy[p] = iy * iy;
                xt[p] = ix * it;
                yt[p] = iy * it;
            }
        }
        for (float[] term : terms) {
            boxSum(term);
        }
        float lambda = settings.lambda() * settings.window() * settings.window();
        for (int p = 0; p < w * h; p++) {
            float a = xx[p] + lambda;
            float b = xy[p];
            float c = yy[p] + lambda;
            float inv = 1f / (a * c - b * b);
            // (A + lambda I) d = -(sum ix it, sum iy it)
            float dx = (b * yt[p] - c * xt[p]) * inv;
            float dy = (b * xt[p] - a * yt[p]) * inv;
            fx[p] += Math.max(-1f, Math.min(1f, dx));
            fy[p] += Math.max(-1f, Math.min(1f, dy));
        }
    }

    /** Replaces each value by the sum over the window around it (zero past the border): rows, then columns. */
    private void boxSum(float[] v) {
        int r = settings.window() / 2;
        float[] pre = line; // w + 1 prefix sums of the row
        for (int y = 0; y < h; y++) {
            int row = y * w;
            pre[0] = 0;
            for (int x = 0; x < w; x++) {
                pre[x + 1] = pre[x] + v[row + x];
            }
            for (int x = 0; x < w; x++) {
                v[row + x] = pre[Math.min(w, x + r + 1)] - pre[Math.max(0, x - r)];
            }
        }
        // columns: a running sum per column, advanced a row at a time (row-major reads)
        float[] run = column;
        java.util.Arrays.fill(run, 0f);
        for (int y = 0; y <= Math.min(r, h - 1); y++) {
            for (int x = 0; x < w; x++) {
                run[x] += v[y * w + x];
            }
        }
        float[] out = boxed;
        for (int y = 0; y < h; y++) {
            System.arraycopy(run, 0, out, y * w, w);
            if (y + r + 1 < h) {
                int add = (y + r + 1) * w;
                for (int x = 0; x < w; x++) {
                    run[x] += v[add + x];
                }
            }
            if (y - r >= 0) {
                int sub = (y - r) * w;
                for (int x = 0; x < w; x++) {
                    run[x] -= v[sub + x];
                }
            }
        }
        System.arraycopy(out, 0, v, 0, w * h);
    }

    /** Each cell's flow as the mean over its k x k pixels, in cells. */
    private float[] downsample(int gw, int gh, int k) {
        float[] out = new float[gw * gh * 2];
        float norm = 1f / (k * k * k);
        for (int y = 0; y < h; y++) {
            int cy = y / k;
            for (int x = 0; x < w; x++) {
                int o = (cy * gw + x / k) * 2;
                out[o] += fx[y * w + x] * norm;
                out[o + 1] += fy[y * w + x] * norm;
            }
        }
        return out;
    }

    private static int mirror(int i, int n) {
        return i < 0 ? Math.min(n - 1, -i) : i >= n ? Math.max(0, 2 * n - 2 - i) : i;
    }
}
