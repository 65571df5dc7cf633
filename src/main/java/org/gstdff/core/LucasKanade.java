package org.gstdff.core;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Lucas-Kanade steps on a flow field: the key frame's grey image is warped by the flow (bilinear at every pixel), and
 * for each grid cell the increment that best explains the brightness difference left by the two frames' gradients
 * in a window of cells around it is solved for (least squares, regularised towards no increment, at most one pixel a
 * step) and added to the cell's flow. A small flow network's regression lands a walker near where it went but not to
 * the sub-pixel (0.45 cells a frame on vtest), and chaining adds up what it misses; this step is where DIS gets its
 * precision from (patch inverse search is the same least squares), and needs a start within about a pixel, which is
 * what the network gives it.
 * <p>
 * The sums are made per cell and the window is a whole number of cells, so the 2x2 systems are solved once a cell,
 * not once a pixel: the window sums cost a quarter at 2 px a cell, and the step half (docs/ABLATION.md).
 * <p>
 * With {@link Settings#still} above 0, a cell whose whole window the two frames agree on (every pixel within that many
 * grey levels) is taken as not moving: its flow is set to 0 and it is not stepped (a step there could only explain
 * noise, or undo a network's false motion on a still background, which 0 does outright), and the sums run only on
 * the cells a stepped cell's window reads, the warp on each row's run of cells from the first to the last it needs:
 * on a fixed camera most of the frame is skipped.
 * <p>
 * One instance per stream: it keeps its scratch arrays between calls so a long run allocates only the result. The
 * warp and the sums may be split into bands of whole cell rows across the common fork-join pool (as the feature map's
 * warp is, {@link GatherWarp}): each cell's sums then come from one band in the same order, so the result is the
 * same to the bit.
 */
public final class LucasKanade {

    /**
     * @param iterations the steps (at least 1)
     * @param scale      the grey images at this many pixels per grid cell, each way (1, 2 or 4)
     * @param window     the least-squares window's side in those pixels: an odd number of cells ({@code window /
     *                   scale}), centred on the cell
     * @param lambda     regularisation of the 2x2 system per window pixel, in squared grey-level gradient (grey levels
     *                   in 0-1): where the window's texture is weaker than this the increment shrinks towards 0
     * @param still      0: every cell is stepped; above 0, a cell whose whole window the two frames agree on within
     *                   this many grey levels (0-1) at every pixel is taken as still (flow 0, no step), and the warp
     *                   and sums run only where a stepped cell reads them: on a fixed camera most of the frame
     */
    public record Settings(int iterations, int scale, int window, float lambda, float still) {
        public Settings {
            if (iterations < 1) {
                throw new IllegalArgumentException("Lucas-Kanade iterations must be >= 1, got " + iterations);
            }
            if (scale != 1 && scale != 2 && scale != 4) {
                throw new IllegalArgumentException("the Lucas-Kanade scale is 1, 2 or 4 pixels per cell, got "
                        + scale);
            }
            if (window < 1 || window % scale != 0 || (window / scale) % 2 == 0) {
                throw new IllegalArgumentException("the Lucas-Kanade window is an odd number of cells, so a multiple "
                        + "of " + scale + " pixels at " + scale + " a cell with an odd quotient (e.g. " + 7 * scale
                        + "), got " + window);
            }
            if (!(lambda > 0) || Float.isInfinite(lambda)) {
                throw new IllegalArgumentException("the Lucas-Kanade regularisation must be > 0, got " + lambda);
            }
            if (!(still >= 0) || still >= 1) {
                throw new IllegalArgumentException("the Lucas-Kanade still threshold is a grey-level difference in "
                        + "[0, 1) (0: step every cell), got " + still);
            }
        }

        /** Every cell stepped. */
        public Settings(int iterations, int scale, int window, float lambda) {
            this(iterations, scale, window, lambda, 0f);
        }

        /** The window's side in cells. */
        public int windowCells() {
            return window / scale;
        }
    }

    /** Cell rows per band when split: a few bands a core, so a core busy elsewhere does not hold the step up. */
    private static final int BAND_ROWS = 16;

    private final Settings settings;
    private final boolean parallel;
    // the cells a call steps, sums and warps: those within this many cells of a changed one (all by default)
    private final int reachSolve;
    private final int reachSum;
    private final int reachWarp;
    private int gw;
    private int gh;
    private int w; // of the grey images
    private int h;
    private float[] warped;
    private boolean[] inside;
    private float[][] sums; // per cell: ix*ix, ix*iy, iy*iy, ix*it, iy*it
    private float[][] rowFlow; // per band: the flow interpolated to one pixel row, on the grid's columns, in pixels
    private int bands;
    private int[] tapIndex; // per pixel column: the grid column left of it and the weight of the one right of it
    private float[] tapWeight;
    private float[][] prefix; // per sum: the window sums' scratch
    private float[][] column;
    private float[][] boxed;
    private int[] reach; // per cell: within how many cells a changed cell is (r, 2r, 2r + 1, or 2r + 2: none; still > 0)
    private int[] rowDistance; // per cell: the distance to the nearest changed cell along its row, capped
    private int[] columnCount;
    // per cell row, the columns [lo, hi) holding its summed cells (the others' sums are 0) and its stepped ones
    private int[] sumLo;
    private int[] sumHi;
    private int[] stepLo;
    private int[] stepHi;
    private int[] warpLo;
    private int[] warpHi;
    private Pair prepared; // the pair the state above was made for

    /** Steps on the calling thread alone. */
    public LucasKanade(Settings settings) {
        this(settings, false);
    }

    /** @param parallel split each step into bands of cell rows across the common fork-join pool */
    public LucasKanade(Settings settings, boolean parallel) {
        this.settings = settings;
        this.parallel = parallel;
        int r = settings.windowCells() / 2;
        boolean skips = settings.still() > 0; // else every cell is warped, summed and stepped
        this.reachSolve = skips ? r : Integer.MAX_VALUE;
        this.reachSum = skips ? 2 * r : Integer.MAX_VALUE;
        this.reachWarp = skips ? 2 * r + 1 : Integer.MAX_VALUE;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The refined field: {@link #refine(float[], Pair)} of {@link #prepare} of the pair.
     *
     * @param flow    {@code gw*gh*2} floats (dx, dy) in cells, current frame to key frame; not modified
     * @param current the current frame's grey image, {@code (gw*scale) x (gh*scale)}, row-major, as {@link #smooth}
     *                makes it
     * @param key     the key (or previous) frame's, the same
     * @return a new {@code gw*gh*2} field
     */
    public float[] refine(float[] flow, int gw, int gh, float[] current, float[] key) {
        return refine(flow, prepare(gw, gh, current, key));
    }

    /** Two frames' grey images on a grid, prepared for {@link #refine(float[], Pair)} by {@link #prepare}. */
    public static final class Pair {
        private final int gw;
        private final int gh;
        private final float[] current;
        private final float[] key;

        private Pair(int gw, int gh, float[] current, float[] key) {
            this.gw = gw;
            this.gh = gh;
            this.current = current;
            this.key = key;
        }
    }

    /**
     * The part of a refinement that needs only the two frames, not the flow: the checks, the scratch arrays and, with
     * {@link Settings#still} above 0, which cells are still and what the steps warp and sum. So it can run while the
     * flow is being estimated (on another thread: the instance is then not to be used by any other until it
     * returns). Only the pair prepared last can be refined.
     *
     * @param current the current frame's grey image, {@code (gw*scale) x (gh*scale)}, row-major, as {@link #smooth}
     *                makes it
     * @param key     the key (or previous) frame's, the same
     */
    public Pair prepare(int gw, int gh, float[] current, float[] key) {
        int k = settings.scale();
        if (current.length != gw * k * gh * k || key.length != current.length) {
            throw new IllegalArgumentException("grey images of " + current.length + " and " + key.length
                    + " pixels, the " + gw + "x" + gh + " grid at " + k + " pixels a cell needs " + gw * k * gh * k);
        }
        if (gw * k < 2 || gh * k < 2) {
            throw new IllegalArgumentException("a " + gw + "x" + gh + " grid at " + k + " pixels a cell gives grey "
                    + "images under 2x2 pixels: no gradient to solve with");
        }
        prepared = null; // until the new pair's state is complete
        allocate(gw, gh, k);
        if (settings.still() > 0) {
            changed(current, key);
        }
        prepared = new Pair(gw, gh, current, key);
        return prepared;
    }

    /**
     * The refined field for the pair {@link #prepare} made last.
     *
     * @param flow {@code gw*gh*2} floats (dx, dy) in cells, current frame to key frame; not modified
     * @return a new {@code gw*gh*2} field
     * @throws IllegalStateException when another pair was prepared since
     */
    public float[] refine(float[] flow, Pair pair) {
        if (pair != prepared) {
            throw new IllegalStateException("this pair of grey images is not the one prepared last: prepare each pair "
                    + "before refining it");
        }
        if (flow.length != pair.gw * pair.gh * 2) {
            throw new IllegalArgumentException("flow holds " + flow.length + " floats, a " + pair.gw + "x" + pair.gh
                    + " grid needs " + pair.gw * pair.gh * 2);
        }
        float[] out = flow.clone();
        if (settings.still() > 0) {
            for (int c = 0; c < gw * gh; c++) {
                if (reach[c] > reachSolve) { // its whole window unchanged: still
                    out[2 * c] = 0;
                    out[2 * c + 1] = 0;
                }
            }
        }
        for (int i = 0; i < settings.iterations(); i++) {
            eachBand(b -> warp(b, out, pair.key));
            eachBand(b -> sumTerms(b, pair.current));
            solve(out);
        }
        return out;
    }

    private void eachBand(IntConsumer band) {
        IntStream all = IntStream.range(0, bands);
        (parallel ? all.parallel() : all).forEach(band);
    }

    /** Band {@code b}'s first pixel row; {@code b == bands} gives the image's height. */
    private int bandStart(int b) {
        return Math.min(gh, b * BAND_ROWS) * settings.scale();
    }

    private void allocate(int gridWidth, int gridHeight, int k) {
        if (gridWidth == gw && gridHeight == gh) {
            return;
        }
        gw = gridWidth;
        gh = gridHeight;
        w = gw * k;
        h = gh * k;
        warped = new float[w * h];
        inside = new boolean[w * h];
        sums = new float[5][gw * gh];
        bands = (gh + BAND_ROWS - 1) / BAND_ROWS;
        rowFlow = new float[bands][2 * gw];
        tapIndex = new int[w];
        tapWeight = new float[w];
        // cell centres at pixel (c + 0.5) k - 0.5; the taps along x are the same on every row
        for (int x = 0; x < w; x++) {
            float sx = Math.min(gw - 1, Math.max(0, (x + 0.5f) / k - 0.5f));
            int x0 = Math.max(0, Math.min((int) sx, gw - 2));
            tapIndex[x] = x0;
            tapWeight[x] = sx - x0;
        }
        prefix = new float[sums.length][gw + 1];
        column = new float[sums.length][gw];
        boxed = new float[sums.length][gw * gh];
        reach = new int[gw * gh];
        rowDistance = new int[gw * gh];
        columnCount = new int[gw];
        sumLo = new int[gh]; // every cell: what still 0 keeps
        sumHi = new int[gh];
        stepLo = new int[gh];
        stepHi = new int[gh];
        warpLo = new int[gh];
        warpHi = new int[gh];
        Arrays.fill(sumHi, gw);
        Arrays.fill(stepHi, gw);
        Arrays.fill(warpHi, gw);
    }

    /**
     * Each cell's {@link #reach}, the least of r, 2r and 2r + 1 (r: the window's half side) within which, in cells
     * each way, some cell has a pixel where the two frames differ by more than {@code still}, else 2r + 2; and each cell
     * row's spans of cells to warp, sum and step. Separable: the distance to such a cell along each row, then for each of the three reaches a running
     * count down the columns.
     */
    private void changed(float[] cur, float[] key) {
        int k = settings.scale();
        int shift = Integer.numberOfTrailingZeros(k);
        float still = settings.still();
        int far = reachWarp + 1; // no changed cell within any reach
        int[] d = rowDistance;
        Arrays.fill(d, far);
        eachBand(b -> {
            for (int y = bandStart(b); y < bandStart(b + 1); y++) {
                int cellRow = (y >> shift) * gw;
                for (int x = 0, p = y * w; x < w; x++, p++) {
                    if (Math.abs(cur[p] - key[p]) > still) {
                        d[cellRow + (x >> shift)] = 0;
                    }
                }
            }
        });
        for (int cy = 0; cy < gh; cy++) {
            int row = cy * gw;
            int last = -far; // the nearest changed cell at or left of cx
            for (int cx = 0; cx < gw; cx++) {
                if (d[row + cx] == 0) {
                    last = cx;
                }
                d[row + cx] = Math.min(far, cx - last);
            }
            last = gw + far; // at or right of cx
            for (int cx = gw - 1; cx >= 0; cx--) {
                if (d[row + cx] == 0) {
                    last = cx;
                }
                d[row + cx] = Math.min(d[row + cx], last - cx);
            }
        }
        Arrays.fill(reach, far);
        for (int i = 0; i < 3; i++) {
            int within = i == 0 ? reachWarp : i == 1 ? reachSum : reachSolve; // the nearer reach written last
            int[] count = columnCount;
            Arrays.fill(count, 0);
            for (int y = 0; y < gh + within; y++) {
                if (y < gh) {
                    for (int cx = 0, c = y * gw; cx < gw; cx++, c++) {
                        count[cx] += d[c] <= within ? 1 : 0;
                    }
                }
                int out = y - within; // its window of rows: out - within .. y
                if (out >= 0 && out < gh) {
                    for (int cx = 0, c = out * gw; cx < gw; cx++, c++) {
                        if (count[cx] > 0) {
                            reach[c] = within;
                        }
                    }
                }
                int gone = y - 2 * within;
                if (gone >= 0 && gone < gh) {
                    for (int cx = 0, c = gone * gw; cx < gw; cx++, c++) {
                        count[cx] -= d[c] <= within ? 1 : 0;
                    }
                }
            }
        }
        for (int cy = 0; cy < gh; cy++) {
            int row = cy * gw;
            span(row, reachWarp, warpLo, warpHi, cy);
            span(row, reachSum, sumLo, sumHi, cy);
            span(row, reachSolve, stepLo, stepHi, cy);
        }
    }

    /** The columns [lo, hi) of cell row {@code cy} from its first to its last cell within {@code within}; empty: 0, 0. */
    private void span(int row, int within, int[] lo, int[] hi, int cy) {
        int first = 0;
        while (first < gw && reach[row + first] > within) {
            first++;
        }
        int last = gw;
        while (last > first && reach[row + last - 1] > within) {
            last--;
        }
        lo[cy] = first < last ? first : 0;
        hi[cy] = first < last ? last : 0;
    }

    /**
     * A grey image as {@link #refine} takes it: 3x3 binomial blur (the border mirrored), so the linearisation holds
     * over a pixel's motion, and grey levels 0-255 to 0-1. The definition: the element makes the same image with
     * OpenCV (model.GreyFrames, checked against this), once per frame.
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

    /**
     * The key frame's grey image at every pixel + the flow there (the grid's flow bilinearly, in pixels), and
     * whether that sample is inside the image: clamped otherwise, so the warped image's gradient is defined
     * everywhere, but pixels that left do not count.
     */
    private void warp(int band, float[] flow, float[] ref) {
        int k = settings.scale();
        float xMax = w - 1;
        float yMax = h - 1;
        float[] rowFlow = this.rowFlow[band];
        for (int y = bandStart(band); y < bandStart(band + 1); y++) {
            int cy = y / k;
            if (warpLo[cy] >= warpHi[cy]) { // no cell of the row is read
                continue;
            }
            float sy = Math.min(gh - 1, Math.max(0, (y + 0.5f) / k - 0.5f));
            int y0 = Math.max(0, Math.min((int) sy, gh - 2));
            int y1 = Math.min(y0 + 1, gh - 1);
            float ay = sy - y0;
            int r0 = 2 * y0 * gw;
            int r1 = 2 * y1 * gw;
            for (int c = 0; c < 2 * gw; c++) {
                rowFlow[c] = k * (flow[r0 + c] + ay * (flow[r1 + c] - flow[r0 + c]));
            }
            // one run over the row's warped cells, from its first to its last (a cell between them that no window
            // reads is warped too: cheaper than a test a cell)
            int xEnd = warpHi[cy] * k;
            int p = y * w + warpLo[cy] * k;
            for (int x = warpLo[cy] * k; x < xEnd; x++, p++) {
                int c0 = 2 * tapIndex[x];
                int c1 = gw > 1 ? c0 + 2 : c0;
                float ax = tapWeight[x];
                float sx = x + rowFlow[c0] + ax * (rowFlow[c1] - rowFlow[c0]);
                float sy2 = y + rowFlow[c0 + 1] + ax * (rowFlow[c1 + 1] - rowFlow[c0 + 1]);
                boolean in = sx >= 0 && sy2 >= 0 && sx <= xMax && sy2 <= yMax;
                inside[p] = in;
                if (!in) { // NaN included: clamped to 0
                    sx = sx > xMax ? xMax : sx >= 0 ? sx : 0;
                    sy2 = sy2 > yMax ? yMax : sy2 >= 0 ? sy2 : 0;
                }
                int x0 = Math.min((int) sx, w - 2);
                int y0p = Math.min((int) sy2, h - 2);
                float bx = sx - x0;
                float by = sy2 - y0p;
                int i = y0p * w + x0;
                float top = ref[i] + bx * (ref[i + 1] - ref[i]);
                float bottom = ref[i + w] + bx * (ref[i + w + 1] - ref[i + w]);
                warped[p] = top + by * (bottom - top);
            }
        }
    }

    /**
     * Each cell's sums of the products of the symmetric gradients (the mean of the current frame's and the warped
     * key's, central differences) and the brightness difference, over its pixels inside both images; the image's
     * outermost rows and columns, where a central difference is not defined, do not count. A band's cells only.
     */
    private void sumTerms(int band, float[] cur) {
        int y0 = bandStart(band);
        int y1 = bandStart(band + 1);
        float[] xx = sums[0];
        float[] xy = sums[1];
        float[] yy = sums[2];
        float[] xt = sums[3];
        float[] yt = sums[4];
        int k = settings.scale();
        // cell by cell, its k x k pixels summed in registers: one store per cell and sum, not one per pixel
        for (int cy = y0 / k; cy < y1 / k; cy++) {
            int top = Math.max(1, cy * k);
            int bottom = Math.min(h - 1, cy * k + k);
            for (int cx = 0; cx < gw; cx++) {
                int c = cy * gw + cx;
                if (reach[c] > reachSum) { // read by no stepped cell's window
                    xx[c] = 0;
                    xy[c] = 0;
                    yy[c] = 0;
                    xt[c] = 0;
                    yt[c] = 0;
                    continue;
                }
                int left = Math.max(1, cx * k);
                int right = Math.min(w - 1, cx * k + k);
                float sxx = 0;
                float sxy = 0;
                float syy = 0;
                float sxt = 0;
                float syt = 0;
                for (int y = top; y < bottom; y++) {
                    for (int p = y * w + left, end = y * w + right; p < end; p++) {
                        if (!inside[p]) {
                            continue;
                        }
                        float ix = 0.25f * (cur[p + 1] - cur[p - 1] + warped[p + 1] - warped[p - 1]);
                        float iy = 0.25f * (cur[p + w] - cur[p - w] + warped[p + w] - warped[p - w]);
                        float it = warped[p] - cur[p];
                        sxx += ix * ix;
                        sxy += ix * iy;
                        syy += iy * iy;
                        sxt += ix * it;
                        syt += iy * it;
                    }
                }
                xx[c] = sxx;
                xy[c] = sxy;
                yy[c] = syy;
                xt[c] = sxt;
                yt[c] = syt;
            }
        }
    }

    /** The window sums, and each cell's increment: (A + lambda I) d = -(sum ix it, sum iy it), d clipped to 1 px. */
    private void solve(float[] flow) {
        IntStream each = IntStream.range(0, sums.length); // the five sums side by side, each with its own scratch
        (parallel ? each.parallel() : each).forEach(i -> boxSum(sums[i], gw, gh, settings.windowCells() / 2, sumLo,
                sumHi, stepLo, stepHi, prefix[i], column[i], boxed[i]));
        float[] xx = boxed[0];
        float[] xy = boxed[1];
        float[] yy = boxed[2];
        float[] xt = boxed[3];
        float[] yt = boxed[4];
        float lambda = settings.lambda() * settings.window() * settings.window();
        float toCells = 1f / settings.scale();
        for (int c = 0; c < gw * gh; c++) {
            if (reach[c] > reachSolve) {
                continue;
            }
            float a = xx[c] + lambda;
            float b = xy[c];
            float d = yy[c] + lambda;
            float inv = 1f / (a * d - b * b);
            float dx = (b * yt[c] - d * xt[c]) * inv;
            float dy = (b * xt[c] - a * yt[c]) * inv;
            flow[2 * c] += Math.max(-1f, Math.min(1f, dx)) * toCells;
            flow[2 * c + 1] += Math.max(-1f, Math.min(1f, dy)) * toCells;
        }
    }

    /**
     * The sums over the window of cells around each cell (zero past the border), where they are asked for: in each
     * row y, the values are 0 outside columns [inLo[y], inHi[y]), and the sums are wanted in [outLo[y], outHi[y]).
     * A zero's share is left out, not added: a row's sums outside its values' reach, and a row of zeros in the
     * running column sums; what is added is added in the same order as over the whole grid.
     *
     * @param v      {@code gw*gh} values, row-major; overwritten (the rows' sums)
     * @param out    the window sums at the cells asked for; the other cells' values are left undefined
     */
    static void boxSum(float[] v, int gw, int gh, int r, int[] inLo, int[] inHi, int[] outLo, int[] outHi,
            float[] pre, float[] column, float[] out) {
        for (int y = 0; y < gh; y++) {
            if (inLo[y] >= inHi[y]) {
                continue; // zeros: the row's sums are zeros
            }
            int row = y * gw;
            // the prefix sums are 0 left of the values and their total right of them: a sum there is exactly 0
            int from = Math.max(0, inLo[y] - r);
            int to = Math.min(gw, inHi[y] + r);
            // so the running sum starts at the values and stops after them: adding the zeros around them changes no
            // bit (the sum starts at +0 and never becomes -0), and the differences below read pre only in
            // [from - r, to + r]
            int lo = inLo[y];
            int hi = inHi[y];
            for (int x = Math.max(0, from - r); x <= lo; x++) {
                pre[x] = 0;
            }
            float running = 0;
            for (int x = lo; x < hi; x++) {
                running += v[row + x];
                pre[x + 1] = running;
            }
            for (int x = hi + 1, end = Math.min(gw, to + r); x <= end; x++) {
                pre[x] = running;
            }
            for (int x = from; x < to; x++) {
                v[row + x] = pre[Math.min(gw, x + r + 1)] - pre[Math.max(0, x - r)];
            }
        }
        // columns: a running sum per column, advanced a row at a time (row-major reads); a row adds or takes away
        // only over its span, r wider than its values'
        float[] run = column;
        Arrays.fill(run, 0f);
        for (int y = 0; y <= Math.min(r, gh - 1); y++) {
            addRow(run, v, y, gw, r, inLo, inHi, 1f);
        }
        for (int y = 0; y < gh; y++) {
            if (outLo[y] < outHi[y]) {
                System.arraycopy(run, outLo[y], out, y * gw + outLo[y], outHi[y] - outLo[y]);
            }
            if (y + r + 1 < gh) {
                addRow(run, v, y + r + 1, gw, r, inLo, inHi, 1f);
            }
            if (y - r >= 0) {
                addRow(run, v, y - r, gw, r, inLo, inHi, -1f);
            }
        }
    }

    /** run += sign * row y of v, over the columns its row sums can be non-zero at. */
    private static void addRow(float[] run, float[] v, int y, int gw, int r, int[] inLo, int[] inHi, float sign) {
        if (inLo[y] >= inHi[y]) {
            return;
        }
        int row = y * gw;
        int to = Math.min(gw, inHi[y] + r);
        if (sign > 0) {
            for (int x = Math.max(0, inLo[y] - r); x < to; x++) {
                run[x] += v[row + x];
            }
        } else {
            for (int x = Math.max(0, inLo[y] - r); x < to; x++) {
                run[x] -= v[row + x];
            }
        }
    }

    private static int mirror(int i, int n) {
        return i < 0 ? Math.min(n - 1, -i) : i >= n ? Math.max(0, 2 * n - 2 - i) : i;
    }
}
