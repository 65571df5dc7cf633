package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.Detection;
import org.gstdff.core.Frame;
import org.gstdff.core.GatherWarp;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FrameImage;
import org.gstdff.gst.ClipReader;
import org.gstdff.model.imports.RealModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default set's Java decode against CenterNet's own decode graph (the set's task SavedModel), on real vtest
 * frames: on key frames' maps, and on maps warped with real DIS flow, where the Java side samples lazily and the
 * graph decodes the densely warped map. Same labels, scores within 1e-5, boxes within 1e-3 of the frame, for every
 * detection at or above the score floor, and nothing else.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HeadMapDecodeTest {

    static final int W = 768;
    static final int H = 576;
    static List<byte[]> frames;

    @BeforeAll
    static void read() {
        frames = ClipReader.read(RealModels.vtest(), W, H, 1, 40);
        assertEquals(40, frames.size());
    }

    static void assertSameDetections(List<Detection> graph, List<Detection> java, float floor, String where) {
        List<Detection> want = graph.stream().filter(d -> d.confidence() >= floor).toList();
        assertEquals(want.size(), java.size(), where + ": detections at or above " + floor);
        for (int i = 0; i < want.size(); i++) {
            Detection a = want.get(i);
            Detection b = java.get(i);
            assertEquals(a.labelId(), b.labelId(), where + ": label of " + i);
            assertEquals(a.confidence(), b.confidence(), 1e-5, where + ": score of " + i);
            assertEquals(a.box().x1(), b.box().x1(), 1e-3 * W, where + ": x1 of " + i);
            assertEquals(a.box().y1(), b.box().y1(), 1e-3 * H, where + ": y1 of " + i);
            assertEquals(a.box().x2(), b.box().x2(), 1e-3 * W, where + ": x2 of " + i);
            assertEquals(a.box().y2(), b.box().y2(), 1e-3 * H, where + ": y2 of " + i);
        }
    }

    /**
     * The graph's detections on the dense warp at score >= 0.2 (well inside both top-100s) are found by the lazy
     * decode with the same label and box; the score it reports is the key peak its sample blends (the largest of the
     * four key values), never below the graph's bilinear score. Returns how many were compared.
     */
    static int assertSamePeaks(List<Detection> graph, List<Detection> java, float[] key, float[] flow,
            ModelManifest m, String where) {
        int w = m.featureWidth();
        int h = m.featureHeight();
        int c = m.featureChannels();
        float[] outside = m.outsideValues();
        int n = 0;
        for (Detection g : graph) {
            if (g.confidence() < 0.2f) {
                continue;
            }
            Detection match = null;
            for (Detection j : java) {
                if (j.labelId() == g.labelId() && Math.abs(j.box().x1() - g.box().x1()) < 1e-3 * W
                        && Math.abs(j.box().y2() - g.box().y2()) < 1e-3 * H
                        && Math.abs(j.box().x2() - g.box().x2()) < 1e-3 * W
                        && Math.abs(j.box().y1() - g.box().y1()) < 1e-3 * H) {
                    match = j;
                }
            }
            assertTrue(match != null, where + ": the graph's " + g + " is not among the lazy decode's");
            // the cell: the box centre is not it (boxes are asymmetric); find the cell whose peak rule gives the score
            boolean explained = false;
            for (int cell = 0; cell < w * h && !explained; cell++) {
                org.gstdff.core.BilinearTap t = new org.gstdff.core.BilinearTap().at(cell % w + flow[2 * cell],
                        cell / w + flow[2 * cell + 1], w, h);
                float bil = t.sample(key, c, g.labelId(), outside);
                if (Math.abs(org.gstdff.core.PeakDecoder.sigmoid(bil) - g.confidence()) > 1e-5) {
                    continue;
                }
                float peak = Float.NEGATIVE_INFINITY;
                for (int i : new int[] {t.i00, t.i10, t.i01, t.i11}) {
                    peak = Math.max(peak, i >= 0 ? key[i * c + g.labelId()] : outside[g.labelId()]);
                }
                explained = Math.abs(org.gstdff.core.PeakDecoder.sigmoid(peak) - match.confidence()) < 1e-5;
            }
            assertTrue(explained, where + ": score " + match.confidence() + " of " + match
                    + " is not the key peak its sample blends");
            assertTrue(match.confidence() >= g.confidence() - 1e-6, where + ": a peak is at least its sample");
            n++;
        }
        return n;
    }

    @Test
    void keyFrameMapsDecodeAsTheGraph() {
        Path dir = RealModels.defaultSet();
        try (TfModelSet set = TfModelSet.load(dir, Device.CPU)) {
            float floor = set.manifest().decode().scoreFloor();
            int compared = 0;
            for (int i : new int[] {0, 13, 39}) {
                try (FrameImage img = set.ingest().ingest(Frame.rgb(frames.get(i), W, H));
                        FeatureMap f = set.feature().extract(img)) {
                    List<Detection> java = set.task().detect(f, img);
                    assertSameDetections(set.graphTask().detect(f, img), java, floor, "frame " + i);
                    compared += java.size();
                }
            }
            assertTrue(compared > 30, "compared " + compared);
        }
    }

    @Test
    void lazilyWarpedMapsDecodeAsTheGraphOnTheDenseWarp() {
        try (TfModelSet set = TfModelSet.load(RealModels.defaultSet(), Device.CPU)
                .useDisFlow(new DisFlowNet.Settings(DisFlowNet.Preset.ULTRAFAST, 512));
                FrameImage key = set.ingest().ingest(Frame.rgb(frames.get(0), W, H));
                TfFeatureMap keyMap = (TfFeatureMap) set.feature().extract(key)) {
            ModelManifest m = set.manifest();
            float floor = m.decode().scoreFloor();
            int moved = 0;
            int compared = 0;
            for (int i : new int[] {3, 9, 20}) {
                try (FrameImage cur = set.ingest().ingest(Frame.rgb(frames.get(i), W, H));
                        FlowField flow = set.flow().estimate(key, cur);
                        FeatureMap lazy = set.flow().warp(keyMap, flow)) {
                    assertTrue(lazy instanceof LazyWarpedMap, "a head map is warped lazily");
                    for (float v : flow.vectors()) {
                        moved += Math.abs(v) > 0.5f ? 1 : 0;
                    }
                    float[] dense = new float[keyMap.array().length];
                    GatherWarp.warp(keyMap.array(), flow.vectors(), null, m.outsideValues(), dense, m.featureHeight(),
                            m.featureWidth(), m.featureChannels(), false);
                    try (TfFeatureMap warped = TfFeatureMap.of(dense, keyMap.shape())) {
                        compared += assertSamePeaks(set.graphTask().detect(warped, cur), set.task().detect(lazy, cur),
                                keyMap.array(), flow.vectors(), m, "frame " + i + " warped from frame 0");
                    }
                }
            }
            assertTrue(moved > 100, "the walkers moved: " + moved + " flow components over half a cell");
            assertTrue(compared > 10, "compared " + compared);
        }
    }
}
