package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Lucas-Kanade steps on synthetic textures moved by known sub-pixel amounts. */
class LucasKanadeTest {

    private static final int GW = 32;
    private static final int GH = 28;
    private static final int W = GW * 2;
    private static final int H = GH * 2;
    private static final LucasKanade.Settings ONE_STEP = new LucasKanade.Settings(1, 2, 10, 1e-5f);

    /**
     * Blobs (Gaussians of 2 px, random signs and strengths, never saturating) seen at (x + dx, y + dy) for every
     * pixel: texture in every direction, as a 10x10 window needs, and smooth enough for bilinear sampling; smoothed as
     * {@link LucasKanade#refine} takes it.
     */
    private static float[] texture(double dx, double dy) {
        Random r = new Random(7);
        int n = W * H / 12;
        double[] bx = new double[n];
        double[] by = new double[n];
        double[] strength = new double[n];
        for (int i = 0; i < n; i++) {
            bx[i] = r.nextDouble() * (W + 8) - 4;
            by[i] = r.nextDouble() * (H + 8) - 4;
            strength[i] = (r.nextBoolean() ? 1 : -1) * (20 + 20 * r.nextDouble());
        }
        float[] out = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = 128;
                for (int i = 0; i < n; i++) {
                    double ex = x + dx - bx[i];
                    double ey = y + dy - by[i];
                    v += strength[i] * Math.exp(-(ex * ex + ey * ey) / 8);
                }
                out[y * W + x] = (float) v;
            }
        }
        return LucasKanade.smooth(out, W, H);
    }

    private static float[] uniform(float dx, float dy) {
        float[] f = new float[GW * GH * 2];
        for (int i = 0; i < f.length; i += 2) {
            f[i] = dx;
            f[i + 1] = dy;
        }
        return f;
    }

    /**
     * The mean error of the cells at least six from the border, in cells: the border's own error (samples that left,
     * the mirrored blur) spreads inwards by the window with each step.
     */
    private static double interiorError(float[] flow, float dx, float dy) {
        double sum = 0;
        int n = 0;
        for (int y = 6; y < GH - 6; y++) {
            for (int x = 6; x < GW - 6; x++) {
                int p = 2 * (y * GW + x);
                sum += Math.hypot(flow[p] - dx, flow[p + 1] - dy);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void oneStepRecoversAOnePixelMotionFromNoFlow() {
        // current(p) = key(p + v): the flow from the current frame to the key frame is v, (1, -1) px = (0.5, -0.5)
        float[] refined = new LucasKanade(ONE_STEP).refine(uniform(0, 0), GW, GH, texture(1, -1), texture(0, 0));
        double after = interiorError(refined, 0.5f, -0.5f);
        assertTrue(after < 0.01, "mean error 0.71 -> " + after + " cells");
    }

    @Test
    void oneStepRecoversASubPixelMotion() {
        float[] refined = new LucasKanade(ONE_STEP).refine(uniform(0, 0), GW, GH, texture(0.6, 0.2),
                texture(0, 0));
        double after = interiorError(refined, 0.3f, 0.1f);
        assertTrue(after < 0.03, "mean error 0.32 -> " + after + " cells");
    }

    @Test
    void theTrueFlowStaysWhereItIs() {
        float[] refined = new LucasKanade(new LucasKanade.Settings(2, 2, 10, 1e-5f)).refine(uniform(0.5f, -0.5f), GW,
                GH, texture(1, -1), texture(0, 0));
        double e = interiorError(refined, 0.5f, -0.5f);
        assertTrue(e < 1e-3, "moved off the true flow by " + e + " cells");
    }

    @Test
    void whereThereIsNoTextureTheFlowIsKept() {
        float[] levels = new float[W * H];
        java.util.Arrays.fill(levels, 90f);
        float[] flat = LucasKanade.smooth(levels, W, H);
        float[] refined = new LucasKanade(ONE_STEP).refine(uniform(0.3f, -0.6f), GW, GH, flat, flat.clone());
        for (int i = 0; i < refined.length; i += 2) {
            assertEquals(0.3f, refined[i], 1e-5f);
            assertEquals(-0.6f, refined[i + 1], 1e-5f);
        }
    }

    @Test
    void bandsAcrossThePoolGiveTheSameFieldToTheBit() {
        // 28 cell rows: two bands of 16 and 12; a start that differs from cell to cell, two steps, called twice
        Random r = new Random(3);
        float[] start = new float[GW * GH * 2];
        for (int i = 0; i < start.length; i++) {
            start[i] = (float) (0.2 * (r.nextDouble() - 0.5));
        }
        LucasKanade.Settings twoSteps = new LucasKanade.Settings(2, 2, 10, 1e-5f);
        float[] cur = texture(0.7, -0.4);
        float[] key = texture(0, 0);
        float[] serial = new LucasKanade(twoSteps).refine(start, GW, GH, cur, key);
        LucasKanade split = new LucasKanade(twoSteps, true);
        for (int run = 0; run < 2; run++) {
            float[] parallel = split.refine(start, GW, GH, cur, key);
            for (int i = 0; i < serial.length; i++) {
                assertEquals(Float.floatToIntBits(serial[i]), Float.floatToIntBits(parallel[i]), "value " + i
                        + " of run " + run + ": " + serial[i] + " serial, " + parallel[i] + " in bands");
            }
        }
        double before = interiorError(start, 0.35f, -0.2f);
        double after = interiorError(serial, 0.35f, -0.2f);
        assertTrue(after < before / 4, "the field compared is a refined one: error " + before + " cells, then "
                + after);
    }

    @Test
    void windowSumsEqualTheSumOfTheCellsAroundEachCell() {
        Random r = new Random(5);
        // wider and narrower than the window, either way, and the window as wide as the grid
        int[][] cases = {{13, 9, 3}, {5, 11, 3}, {7, 2, 1}, {3, 3, 3}, {128, 16, 3}, {1, 4, 2}};
        for (int[] c : cases) {
            int gw = c[0];
            int gh = c[1];
            int half = c[2];
            float[] v = new float[gw * gh];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextInt(100); // whole numbers: every order of adding gives the same sum
            }
            float[] boxed = wholeGrid(v, gw, gh, half);
            for (int y = 0; y < gh; y++) {
                for (int x = 0; x < gw; x++) {
                    float expected = 0;
                    for (int yy = Math.max(0, y - half); yy <= Math.min(gh - 1, y + half); yy++) {
                        for (int xx = Math.max(0, x - half); xx <= Math.min(gw - 1, x + half); xx++) {
                            expected += v[yy * gw + xx];
                        }
                    }
                    assertEquals(expected, boxed[y * gw + x], "cell (" + x + ", " + y + ") of a " + gw + "x" + gh
                            + " grid, window " + (2 * half + 1));
                }
            }
        }
    }

    /** The window sums of every cell: every row's span the whole row. */
    private static float[] wholeGrid(float[] v, int gw, int gh, int half) {
        int[] lo = new int[gh];
        int[] hi = new int[gh];
        java.util.Arrays.fill(hi, gw);
        float[] out = new float[gw * gh];
        LucasKanade.boxSum(v.clone(), gw, gh, half, lo, hi, lo, hi, new float[gw + 1], new float[gw], out);
        return out;
    }

    @Test
    void windowSumsOverSpansEqualTheWholeGridsWhereAskedFor() {
        // each row's values non-zero only in a span (some rows none), the sums asked for in other spans: they match
        // the sums over the whole grid there, to the bit
        Random r = new Random(9);
        int[][] cases = {{40, 30, 3}, {128, 32, 3}, {9, 7, 2}, {5, 5, 3}};
        for (int[] c : cases) {
            int gw = c[0];
            int gh = c[1];
            int half = c[2];
            int[] inLo = new int[gh];
            int[] inHi = new int[gh];
            int[] outLo = new int[gh];
            int[] outHi = new int[gh];
            float[] v = new float[gw * gh];
            for (int y = 0; y < gh; y++) {
                if (r.nextInt(4) > 0) {
                    inLo[y] = r.nextInt(gw);
                    inHi[y] = inLo[y] + 1 + r.nextInt(gw - inLo[y]);
                    for (int x = inLo[y]; x < inHi[y]; x++) {
                        v[y * gw + x] = r.nextFloat() * 3 - 1;
                    }
                }
                if (r.nextInt(3) > 0) {
                    outLo[y] = r.nextInt(gw);
                    outHi[y] = outLo[y] + 1 + r.nextInt(gw - outLo[y]);
                }
            }
            float[] whole = wholeGrid(v, gw, gh, half);
            float[] spans = new float[gw * gh];
            LucasKanade.boxSum(v.clone(), gw, gh, half, inLo, inHi, outLo, outHi, new float[gw + 1], new float[gw],
                    spans);
            int asked = 0;
            for (int y = 0; y < gh; y++) {
                for (int x = outLo[y]; x < outHi[y]; x++, asked++) {
                    assertEquals(Float.floatToIntBits(whole[y * gw + x]), Float.floatToIntBits(spans[y * gw + x]),
                            "cell (" + x + ", " + y + ") of a " + gw + "x" + gh + " grid: " + whole[y * gw + x]
                                    + " over the whole grid, " + spans[y * gw + x] + " over the spans");
                }
            }
            assertTrue(asked > 0);
        }
    }

    /**
     * The key frame's texture, and the current frame the same except a square of side {@code side} px at (x0, y0)
     * where it shows the texture moved by (dx, dy) px.
     */
    private static float[] movedSquare(float[] key, float[] moved, int x0, int y0, int side) {
        float[] cur = key.clone();
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                cur[y * W + x] = moved[y * W + x];
            }
        }
        return cur;
    }

    @Test
    void skippingStillCellsGivesTheFullStepsFieldWhereTheyHaveNoFlow() {
        // one step from no flow: a cell whose whole window the frames agree on exactly gets no increment either way;
        // the window sums are differences of running sums along whole rows, so the still cells' zeroed sums change
        // the stepped cells' by rounding only
        float[] key = texture(0, 0);
        float[] cur = movedSquare(key, texture(0.8, -0.4), 20, 18, 10);
        LucasKanade.Settings dense = new LucasKanade.Settings(1, 2, 10, 1e-5f);
        LucasKanade.Settings sparse = new LucasKanade.Settings(1, 2, 10, 1e-5f, 1e-6f); // "agree": equal
        float[] full = new LucasKanade(dense).refine(uniform(0, 0), GW, GH, cur, key);
        float[] skipped = new LucasKanade(sparse, true).refine(uniform(0, 0), GW, GH, cur, key);
        int moved = 0;
        for (int i = 0; i < full.length; i++) {
            assertEquals(full[i], skipped[i], 1e-6f, "value " + i + ": " + full[i] + " stepping every cell, "
                    + skipped[i] + " skipping still ones");
            moved += full[i] != 0 ? 1 : 0;
        }
        // the square's cells and those whose window reaches it moved; the rest of the grid did not
        assertTrue(moved > 20 && moved < full.length / 2, moved + " of " + full.length + " values moved");
    }

    /**
     * Prepared on another thread (as the element does while the flow network runs), a pair is refined as in one
     * call, to the bit; a pair prepared before another is refused, not refined with the other's still cells.
     */
    @Test
    void aPairPreparedOnAnotherThreadIsRefinedAsInOneCall() throws Exception {
        float[] key = texture(0, 0);
        float[] cur = movedSquare(key, texture(1, -1), 8, 8, 24);
        float[] start = uniform(0.2f, -0.2f);
        LucasKanade.Settings sparse = new LucasKanade.Settings(2, 2, 10, 1e-5f, 0.01f);
        float[] whole = new LucasKanade(sparse).refine(start, GW, GH, cur, key);
        LucasKanade split = new LucasKanade(sparse, true);
        java.util.concurrent.FutureTask<LucasKanade.Pair> prepared = new java.util.concurrent.FutureTask<>(
                () -> split.prepare(GW, GH, cur, key));
        Thread t = new Thread(prepared);
        t.start();
        LucasKanade.Pair pair = prepared.get();
        float[] refined = split.refine(start, pair);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(Float.floatToIntBits(whole[i]), Float.floatToIntBits(refined[i]), "value " + i);
        }
        LucasKanade.Pair other = split.prepare(GW, GH, key, key); // nothing moves: every cell still
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> split.refine(start, pair));
        assertTrue(e.getMessage().contains("not the one prepared last"), e.getMessage());
        float[] still = split.refine(start, other);
        assertEquals(0f, still[2 * (GW * GH / 2)]);
        assertThrows(IllegalArgumentException.class, () -> split.refine(new float[6], other));
    }

    @Test
    void aStillCellsFlowIsZeroAndAMovingOnesIsStepped() {
        // the flow a network gives: near the square's motion on it, a false 0.28 cells everywhere else
        float[] key = texture(0, 0);
        float[] cur = movedSquare(key, texture(1, -1), 8, 8, 24); // cells 4-15 each way: (0.5, -0.5) cells
        float[] start = uniform(0.2f, -0.2f);
        LucasKanade.Settings sparse = new LucasKanade.Settings(2, 2, 10, 1e-5f, 0.01f);
        float[] refined = new LucasKanade(sparse).refine(start, GW, GH, cur, key);
        int r = sparse.windowCells() / 2;
        for (int cy = 0; cy < GH; cy++) {
            for (int cx = 0; cx < GW; cx++) {
                int c = 2 * (cy * GW + cx);
                boolean far = cx < 4 - r || cx > 15 + r || cy < 4 - r || cy > 15 + r;
                if (far) {
                    assertEquals(0f, refined[c], "cell (" + cx + ", " + cy + ") x");
                    assertEquals(0f, refined[c + 1], "cell (" + cx + ", " + cy + ") y");
                }
            }
        }
        // the square's inner cells land on its motion (its edge shows texture from elsewhere: off a little, as
        // when every cell is stepped)
        for (int cy = 8; cy <= 11; cy++) {
            for (int cx = 8; cx <= 11; cx++) {
                int c = 2 * (cy * GW + cx);
                double e = Math.hypot(refined[c] - 0.5, refined[c + 1] + 0.5);
                assertTrue(e < 0.05, "cell (" + cx + ", " + cy + ") off the square's motion by " + e + " cells");
            }
        }
    }

    @Test
    void twoMoversInOneRowAreSteppedAsEachAlone() {
        // a row's warp runs from its first needed cell to its last, so the still cells between two movers are warped
        // too; nothing reads them, and each mover's field is what it is alone
        float[] key = texture(0, 0);
        float[] moved = texture(0.6, -0.3);
        float[] both = movedSquare(movedSquare(key, moved, 2, 20, 8), moved, 46, 20, 8);
        float[] left = movedSquare(key, moved, 2, 20, 8);
        float[] right = movedSquare(key, moved, 46, 20, 8);
        LucasKanade.Settings sparse = new LucasKanade.Settings(2, 2, 10, 1e-5f, 0.01f);
        float[] start = uniform(0.2f, -0.2f);
        float[] fBoth = new LucasKanade(sparse, true).refine(start, GW, GH, both, key);
        float[] fLeft = new LucasKanade(sparse, true).refine(start, GW, GH, left, key);
        float[] fRight = new LucasKanade(sparse, true).refine(start, GW, GH, right, key);
        int steppedLeft = 0;
        for (int cy = 0; cy < GH; cy++) {
            for (int cx = 0; cx < GW; cx++) {
                int c = 2 * (cy * GW + cx);
                float[] alone = cx < GW / 2 ? fLeft : fRight; // the movers' cells 1-4 and 23-26, windows 5 cells
                for (int d = 0; d < 2; d++) {
                    assertEquals(alone[c + d], fBoth[c + d], 1e-5f, "cell (" + cx + ", " + cy + ")");
                }
                steppedLeft += cx < GW / 2 && fLeft[c] != 0 ? 1 : 0;
            }
        }
        assertTrue(steppedLeft > 10, steppedLeft + " cells of the left mover stepped");
    }

    @Test
    void aStepMovesACellByAtMostOnePixel() {
        // a start far from the truth: the increment is clipped to 1 px, so a cell moves by <= 1/2 cell
        float[] start = uniform(3f, -2f);
        float[] refined = new LucasKanade(ONE_STEP).refine(start, GW, GH, texture(0, 0), texture(0.4, 0.2));
        for (int i = 0; i < refined.length; i++) {
            assertTrue(Math.abs(refined[i] - start[i]) <= 0.5f + 1e-5f, "cell value " + i + " moved by "
                    + (refined[i] - start[i]));
        }
    }

    @Test
    void smoothingIsABinomialBlurToUnitGreyLevels() {
        float[] levels = new float[5 * 4];
        levels[2 * 5 + 2] = 255f; // one white pixel inside, at (2, 2)
        float[] s = LucasKanade.smooth(levels, 5, 4);
        assertEquals(4f / 16f, s[2 * 5 + 2], 1e-6f);
        assertEquals(2f / 16f, s[2 * 5 + 1], 1e-6f);
        assertEquals(1f / 16f, s[1 * 5 + 1], 1e-6f);
        assertEquals(0f, s[0], 1e-6f);
        // mirrored about the border pixel: on both sides of the first column is the second
        float[] column = new float[5 * 4];
        for (int y = 0; y < 4; y++) {
            column[y * 5] = 255f;
        }
        assertEquals(8f / 16f, LucasKanade.smooth(column, 5, 4)[2 * 5], 1e-6f);
    }

    @Test
    void sizesAndSettingsAreChecked() {
        LucasKanade lk = new LucasKanade(ONE_STEP);
        float[] img = new float[W * H];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lk.refine(uniform(0, 0), GW, GH, new float[10], img));
        assertTrue(e.getMessage().contains("2 pixels a cell needs " + img.length), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lk.refine(new float[5], GW, GH, img, img));
        e = assertThrows(IllegalArgumentException.class, () -> new LucasKanade(new LucasKanade.Settings(1, 1, 5,
                1e-4f)).refine(new float[2], 1, 1, new float[1], new float[1]));
        assertTrue(e.getMessage().contains("under 2x2 pixels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LucasKanade.smooth(new float[7], 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new LucasKanade.Settings(0, 2, 10, 1e-4f));
        assertThrows(IllegalArgumentException.class, () -> new LucasKanade.Settings(1, 3, 9, 1e-4f));
        // the window is an odd number of cells: at 2 px a cell 14 is 7 cells, 8 is 4 and 13 not whole
        assertEquals(7, new LucasKanade.Settings(1, 2, 14, 1e-4f).windowCells());
        e = assertThrows(IllegalArgumentException.class, () -> new LucasKanade.Settings(1, 2, 8, 1e-4f));
        assertTrue(e.getMessage().contains("odd number of cells"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LucasKanade.Settings(1, 2, 13, 1e-4f));
        assertEquals(5, new LucasKanade.Settings(1, 1, 5, 1e-4f).windowCells());
        assertThrows(IllegalArgumentException.class, () -> new LucasKanade.Settings(1, 2, 10, 0f));
        assertThrows(IllegalArgumentException.class, () -> new LucasKanade.Settings(1, 2, 10, Float.NaN));
        assertEquals(0f, new LucasKanade.Settings(1, 2, 10, 1e-4f).still());
        e = assertThrows(IllegalArgumentException.class, () -> new LucasKanade.Settings(1, 2, 10, 1e-4f, -0.1f));
        assertTrue(e.getMessage().contains("still threshold"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LucasKanade.Settings(1, 2, 10, 1e-4f, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new LucasKanade.Settings(1, 2, 10, 1e-4f, 1f));
    }
}
