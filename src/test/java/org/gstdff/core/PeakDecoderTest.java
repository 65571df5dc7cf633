package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PeakDecoderTest {

    static final int H = 12;
    static final int W = 16;
    static final int CLASSES = 5;
    static final int C = CLASSES + 4;
    static final PeakDecoder.Config CONFIG = new PeakDecoder.Config(CLASSES, 16f, 4, 10, 0.05f);

    /** Background logits with a few blobs (peaks spread over neighbours, as a detector's heatmap has them). */
    static float[] heatmap(Random rnd) {
        return heatmap(rnd, 12);
    }

    static float[] heatmap(Random rnd, int blobs) {
        float[] m = new float[H * W * C];
        for (int p = 0; p < H * W; p++) {
            for (int ch = 0; ch < CLASSES; ch++) {
                m[p * C + ch] = -6 + rnd.nextFloat() * 2;
            }
            for (int k = 0; k < 4; k++) {
                m[p * C + CLASSES + k] = 0.5f + rnd.nextFloat();
            }
        }
        for (int b = 0; b < blobs; b++) {
            int cx = rnd.nextInt(W);
            int cy = rnd.nextInt(H);
            int cls = rnd.nextInt(CLASSES);
            float peak = -2 + rnd.nextFloat() * 5;
            for (int y = Math.max(0, cy - 2); y <= Math.min(H - 1, cy + 2); y++) {
                for (int x = Math.max(0, cx - 2); x <= Math.min(W - 1, cx + 2); x++) {
                    float v = peak - 1.2f * (Math.abs(x - cx) + Math.abs(y - cy));
                    int i = (y * W + x) * C + cls;
                    m[i] = Math.max(m[i], v);
                }
            }
        }
        // a plateau: two neighbours with the same score are both kept (the graph compares score == max-pool)
        m[(3 * W + 3) * C + 1] = 1.5f;
        m[(3 * W + 4) * C + 1] = 1.5f;
        return m;
    }

    /** CenterNet's decode as its graph states it, over every cell and class: the oracle. */
    static List<PeakDecoder.Peak> reference(float[] m, PeakDecoder.Config cfg) {
        List<PeakDecoder.Peak> all = new ArrayList<>();
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int cls = 0; cls < CLASSES; cls++) {
                    float s = PeakDecoder.sigmoid(m[(y * W + x) * C + cls]);
                    float pool = s;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int nx = x + dx;
                            int ny = y + dy;
                            if (nx >= 0 && ny >= 0 && nx < W && ny < H) {
                                pool = Math.max(pool, PeakDecoder.sigmoid(m[(ny * W + nx) * C + cls]));
                            }
                        }
                    }
                    if (s == pool && s >= cfg.scoreFloor()) {
                        int o = (y * W + x) * C + CLASSES;
                        float cx = x * cfg.stride();
                        float cy = y * cfg.stride();
                        all.add(new PeakDecoder.Peak(y * W + x, cls, s, cx - m[o] * cfg.boxScale(),
                                cy - m[o + 1] * cfg.boxScale(), cx + m[o + 2] * cfg.boxScale(),
                                cy + m[o + 3] * cfg.boxScale()));
                    }
                }
            }
        }
        all.sort(Comparator.comparing((PeakDecoder.Peak p) -> -p.score())
                .thenComparingInt(p -> p.cell() * CLASSES + p.label()));
        return all.subList(0, Math.min(all.size(), cfg.maxDetections()));
    }

    static DenseHeadMap dense(float[] m, float[] outside) {
        return new DenseHeadMap(m, H, W, C, CLASSES, outside, CONFIG.indexFloor());
    }

    static void assertSame(List<PeakDecoder.Peak> want, List<PeakDecoder.Peak> got, float tolerance) {
        assertEquals(want.size(), got.size(), "number of detections");
        for (int i = 0; i < want.size(); i++) {
            PeakDecoder.Peak a = want.get(i);
            PeakDecoder.Peak b = got.get(i);
            assertEquals(a.cell(), b.cell(), "cell of " + i);
            assertEquals(a.label(), b.label(), "label of " + i);
            assertEquals(a.score(), b.score(), tolerance, "score of " + i);
            assertEquals(a.x1(), b.x1(), 1e-3, "x1 of " + i);
            assertEquals(a.y1(), b.y1(), 1e-3, "y1 of " + i);
            assertEquals(a.x2(), b.x2(), 1e-3, "x2 of " + i);
            assertEquals(a.y2(), b.y2(), 1e-3, "y2 of " + i);
        }
    }

    @Test
    void equalsTheGraphsDecodeOnAComputedMap() {
        for (int seed = 0; seed < 20; seed++) {
            float[] m = heatmap(new Random(seed));
            List<PeakDecoder.Peak> want = reference(m, CONFIG);
            assertTrue(want.size() >= 3, "seed " + seed + " has peaks");
            assertSame(want, PeakDecoder.decode(dense(m, null), CONFIG), 0f);
        }
    }

    @Test
    void keepsBothCellsOfAPlateauAndOrdersTiesByIndex() {
        float[] m = heatmap(new Random(3));
        List<PeakDecoder.Peak> got = PeakDecoder.decode(dense(m, null), new PeakDecoder.Config(CLASSES, 16f, 4, 100,
                0.05f));
        int a = -1;
        int b = -1;
        for (int i = 0; i < got.size(); i++) {
            if (got.get(i).label() == 1 && got.get(i).cell() == 3 * W + 3) {
                a = i;
            }
            if (got.get(i).label() == 1 && got.get(i).cell() == 3 * W + 4) {
                b = i;
            }
        }
        assertTrue(a >= 0 && b == a + 1, "both plateau cells, lower index first: " + a + ", " + b);
    }

    @Test
    void neighboursWhoseScoresAreEqualInFloatDoNotSuppressEachOther() {
        float[] m = heatmap(new Random(4), 0);
        float one = 1f;
        // class 2: logits one float apart (and with scores one float apart or equal); class 3: both saturated, 20 and
        // 30 both score 1.0f; class 4: 1e-3 apart at a moderate logit, where the decoder skips computing the scores
        m[(5 * W + 5) * C + 2] = one;
        m[(5 * W + 6) * C + 2] = Math.nextUp(one);
        m[(8 * W + 8) * C + 3] = 20f;
        m[(8 * W + 9) * C + 3] = 30f;
        m[(2 * W + 10) * C + 4] = 2f;
        m[(2 * W + 11) * C + 4] = 2.001f;
        PeakDecoder.Config all = new PeakDecoder.Config(CLASSES, 16f, 4, 1000, 0.05f);
        List<PeakDecoder.Peak> got = PeakDecoder.decode(dense(m, null), all);
        assertSame(reference(m, all), got, 0f);
        assertTrue(got.stream().anyMatch(p -> p.label() == 3 && p.cell() == 8 * W + 8)
                && got.stream().anyMatch(p -> p.label() == 3 && p.cell() == 8 * W + 9), "both saturated cells kept");
        assertTrue(got.stream().noneMatch(p -> p.label() == 4 && p.cell() == 2 * W + 10), "the lower one suppressed");
    }

    @Test
    void theExactFloorLogitIsTheLeastWhoseFloatScoreReachesTheFloor() {
        for (float floor : new float[] {0.05f, 0.1f, 0.3f, 0.5f, 0.9f}) {
            float z = new PeakDecoder.Config(CLASSES, 16f, 4, 10, floor).floorLogitExact();
            assertTrue(PeakDecoder.sigmoid(z) >= floor, "score at " + z);
            assertTrue(PeakDecoder.sigmoid(Math.nextDown(z)) < floor, "score just under " + z);
        }
    }

    /**
     * The peaks and boxes of the graph's decode on the densely warped map; each reports the largest of the four key
     * values its bilinear sample blends, so every detection is kept here (k large) and compared by cell and class.
     */
    @Test
    void aWarpedMapDecodesAsTheDenselyWarpedMap() {
        PeakDecoder.Config all = new PeakDecoder.Config(CLASSES, 16f, 4, 10_000, 0.05f);
        for (int seed = 0; seed < 20; seed++) {
            Random rnd = new Random(100 + seed);
            float[] m = heatmap(rnd);
            float[] flow = new float[H * W * 2];
            for (int i = 0; i < flow.length; i++) {
                flow[i] = (rnd.nextFloat() - 0.5f) * 5; // some samples reach past the border
            }
            float[] outside = new float[C];
            java.util.Arrays.fill(outside, 0, CLASSES, -9f);
            if (seed % 2 == 1) {
                outside[2] = -1f; // an outside value above the floor makes its class a candidate past the border
            }
            float[] warped = ReferenceWarp.warp(m, flow, null, outside, H, W, C);
            List<PeakDecoder.Peak> want = new ArrayList<>(reference(warped, all));
            List<PeakDecoder.Peak> got = new ArrayList<>(PeakDecoder.decode(new WarpedHeadMap(dense(m, outside), flow),
                    all));
            Comparator<PeakDecoder.Peak> byIndex = Comparator.comparingInt(p -> p.cell() * CLASSES + p.label());
            want.sort(byIndex);
            got.sort(byIndex);
            List<PeakDecoder.Peak> expected = new ArrayList<>();
            BilinearTap t = new BilinearTap();
            for (PeakDecoder.Peak p : want) {
                t.at(p.cell() % W + flow[2 * p.cell()], p.cell() / W + flow[2 * p.cell() + 1], W, H);
                float peak = Float.NEGATIVE_INFINITY;
                for (int i : new int[] {t.i00, t.i10, t.i01, t.i11}) {
                    peak = Math.max(peak, i >= 0 ? m[i * C + p.label()] : outside[p.label()]);
                }
                expected.add(new PeakDecoder.Peak(p.cell(), p.label(), PeakDecoder.sigmoid(peak), p.x1(), p.y1(),
                        p.x2(), p.y2()));
                assertTrue(PeakDecoder.sigmoid(peak) >= p.score() - 1e-6f, "a peak is at least its bilinear sample");
            }
            assertSame(expected, got, 1e-6f);
        }
    }

    @Test
    void warpedCandidatesCoverEveryClassThatReachesTheFloor() {
        Random rnd = new Random(9);
        float[] m = heatmap(rnd);
        float[] flow = new float[H * W * 2];
        for (int i = 0; i < flow.length; i++) {
            flow[i] = (rnd.nextFloat() - 0.5f) * 6;
        }
        float[] outside = new float[C];
        java.util.Arrays.fill(outside, -1.5f);
        float[] warped = ReferenceWarp.warp(m, flow, null, outside, H, W, C);
        WarpedHeadMap lazy = new WarpedHeadMap(dense(m, outside), flow);
        int[] cand = new int[CLASSES];
        int reaching = 0;
        for (int p = 0; p < H * W; p++) {
            int n = lazy.candidates(p, cand);
            for (int cls = 0; cls < CLASSES; cls++) {
                float v = warped[p * C + cls];
                // the decoder's premise: a class left out of a cell's candidates is under the index's floor there
                if (v >= CONFIG.indexFloor()) {
                    reaching++;
                    boolean listed = false;
                    for (int i = 0; i < n; i++) {
                        listed |= cand[i] == cls;
                    }
                    assertTrue(listed, "class " + cls + " reaches the floor at cell " + p + " but is no candidate");
                }
            }
        }
        assertTrue(reaching > 20, "the check saw classes reach the floor: " + reaching);
    }

    @Test
    void readsOnlyAFewCellsOfASparseMap() {
        float[] m = heatmap(new Random(5), 3);
        int[] reads = new int[1];
        DenseHeadMap d = dense(m, null);
        HeadMap counting = new HeadMap() {
            public int width() {
                return W;
            }

            public int height() {
                return H;
            }

            public int channels() {
                return C;
            }

            public int classes() {
                return CLASSES;
            }

            public float floor() {
                return d.floor();
            }

            public int candidates(int cell, int[] out) {
                return d.candidates(cell, out);
            }

            public float value(int cell, int ch) {
                reads[0]++;
                return d.value(cell, ch);
            }

            public void values(int cell, int from, int to, float[] out) {
                reads[0] += to - from;
                d.values(cell, from, to, out);
            }
        };
        assertSame(reference(m, CONFIG), PeakDecoder.decode(counting, CONFIG), 0f);
        assertTrue(reads[0] < H * W * CLASSES / 8, reads[0] + " values read of " + H * W * CLASSES);
    }
}
