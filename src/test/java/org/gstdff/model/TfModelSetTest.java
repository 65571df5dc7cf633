package org.gstdff.model;

import org.gstdff.engine.VectorField;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gstdff.core.FileTrees;
import org.gstdff.core.Detection;
import org.gstdff.core.Frame;
import org.gstdff.core.FrameResult;
import org.gstdff.core.PixelFormat;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Mode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny model set through real TensorFlow sessions. */
public class TfModelSetTest {

    @TempDir
    static Path tmp;
    static Path tiny;

    @BeforeAll
    static void writeTinySet() throws IOException {
        tiny = TinyModelSet.write(tmp.resolve("tiny"), 7);
    }

    public static Frame gradient(int w, int h, int shift) {
        ByteBuffer b = ByteBuffer.allocateDirect(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                b.put((byte) ((x + shift) * 255 / w)).put((byte) (y * 255 / h)).put((byte) (((x + shift) ^ y) & 0xff));
            }
        }
        b.flip();
        return Frame.packed(b, w, h, PixelFormat.RGB);
    }

    @Test
    void tinySetLoadsAndDetects() {
        try (TfModelSet set = TfModelSet.load(tiny, Device.CPU);
                DffEngine engine = new DffEngine(set, Mode.DFF, 3, 0f)) {
            assertEquals(TinyModelSet.LABELS, set.labels());
            for (int i = 0; i < 7; i++) {
                FrameResult r = engine.process(gradient(160, 120, i * 2), false);
                assertEquals(i % 3 == 0, r.keyFrame(), "frame " + i);
                assertEquals(i % 3, r.framesSinceKey());
                List<Detection> d = r.detections();
                assertEquals(TinyModelSet.CANDIDATES, d.size());
                for (Detection det : d) {
                    assertTrue(det.box().x2() <= 160 && det.box().y2() <= 120 && det.box().x1() >= 0);
                    assertEquals(TinyModelSet.LABELS.get(det.labelId()), det.label());
                }
                for (int k = 1; k < d.size(); k++) {
                    assertTrue(d.get(k - 1).confidence() >= d.get(k).confidence());
                }
            }
        }
    }

    /** The set's warp (a Java gather over tensor memory) equals the reference formula on the tiny set's flow. */
    /** The flow network's ops run on the calling thread (Device.CALLING_THREAD): streams call it at once. */
    @Test
    void theFlowNetworkGivesTheSameFieldCalledFromSeveralThreadsAtOnce() throws Exception {
        try (TfModelSet set = TfModelSet.load(org.gstdff.model.imports.RealModels.defaultSet(), Device.CPU);
                var keyImage = set.ingest().ingest(texture(512, 512, 0));
                var image = set.ingest().ingest(texture(512, 512, 8))) { // 2 cells to the right
            float[] alone;
            try (var f = set.flowNetwork().estimate(keyImage, image)) {
                alone = f.vectors();
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<float[]>> runs = new java.util.ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    runs.add(pool.submit(() -> {
                        try (var f = set.flowNetwork().estimate(keyImage, image)) {
                            return f.vectors();
                        }
                    }));
                }
                for (var r : runs) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(alone, r.get());
                }
            } finally {
                pool.shutdownNow();
            }
            double moved = 0;
            for (int i = 0; i < alone.length; i += 2) {
                moved += alone[i];
            }
            assertTrue(moved / (alone.length / 2) > 0.5, "the network sees the texture move by 2 cells: mean dx "
                    + moved / (alone.length / 2));
        }
    }

    @Test
    void warpOfRealTensorsEqualsTheReference() {
        try (TfModelSet set = TfModelSet.load(tiny, Device.CPU);
                var keyImage = set.ingest().ingest(gradient(160, 120, 0));
                var image = set.ingest().ingest(gradient(160, 120, 9));
                TfFeatureMap key = (TfFeatureMap) set.feature().extract(keyImage);
                VectorField flow = (VectorField) set.flow().estimate(keyImage, image)) {
            org.tensorflow.ndarray.Shape s = key.tensor().shape();
            int h = (int) s.get(1);
            int w = (int) s.get(2);
            int c = (int) s.get(3);
            float[] k = read(key.tensor());
            float[] f = flow.vectors();
            float[] sc = flow.scale();
            assertTrue(java.util.stream.IntStream.range(0, f.length).anyMatch(i -> Math.abs(f[i]) > 0.1f),
                    "the tiny set's flow is not zero");
            float[] expected = org.gstdff.core.ReferenceWarp.warp(k, f, sc, h, w, c);
            for (int round = 0; round < 2; round++) { // the second reuses the key map's array
                try (TfFeatureMap warped = (TfFeatureMap) set.flow().warp(key, flow)) {
                    float[] got = read(warped.tensor());
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], got[i], 1e-4, "at " + i);
                    }
                }
            }
        }
    }

    private static float[] read(org.tensorflow.Tensor t) {
        java.nio.FloatBuffer b = TensorMemory.bytes(t).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    /** A smooth random texture, seen through a window that starts {@code shift} pixels to the right. */
    public static Frame texture(int w, int h, int shift) {
        java.util.Random rnd = new java.util.Random(5);
        int cell = 6;
        int[][] grid = new int[h / cell + 4][(w + 64) / cell + 4]; // the same texture for any shift up to 64
        for (int[] row : grid) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rnd.nextInt(256);
            }
        }
        ByteBuffer b = ByteBuffer.allocateDirect(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double gx = (x + shift) / (double) cell;
                double gy = y / (double) cell;
                int ix = (int) gx;
                int iy = (int) gy;
                double ax = gx - ix;
                double ay = gy - iy;
                double v = (1 - ax) * (1 - ay) * grid[iy][ix] + ax * (1 - ay) * grid[iy][ix + 1]
                        + (1 - ax) * ay * grid[iy + 1][ix] + ax * ay * grid[iy + 1][ix + 1];
                byte g = (byte) Math.round(v);
                b.put(g).put(g).put(g);
            }
        }
        b.flip();
        return Frame.packed(b, w, h, PixelFormat.RGB);
    }

    /**
     * flow=dis on the default set (DIS at 512x512, stride 4): a frame that shows the key frame's content 8 px
     * further right has flow (+2, 0) feature pixels in the interior.
     */
    @Test
    void disFlowFindsAKnownShift() {
        try (TfModelSet set = TfModelSet.load(org.gstdff.model.imports.RealModels.defaultSet(), Device.CPU)
                .useDisFlow(DisFlowNet.Settings.REFERENCE);
                var keyImage = set.ingest().ingest(texture(512, 512, 0));
                var image = set.ingest().ingest(texture(512, 512, 8));
                var flow = set.flow().estimate(keyImage, image)) {
            assertTrue(set.describe().contains("DIS"), set.describe());
            float[] f = flow.vectors();
            assertEquals(128 * 128 * 2, f.length);
            int good = 0;
            int interior = 0;
            for (int y = 8; y < 120; y++) {
                for (int x = 8; x < 116; x++) { // the right edge has no match in the key frame
                    int i = (y * 128 + x) * 2;
                    interior++;
                    if (Math.abs(f[i] - 2f) < 0.25f && Math.abs(f[i + 1]) < 0.25f) {
                        good++;
                    }
                }
            }
            assertTrue(good > interior * 0.9, good + " of " + interior + " interior cells near (2, 0)");
        }
    }

    /** The mean distance of the interior cells' flow from (dx, 0), in cells. */
    private static double meanErrorOnAShift(org.gstdff.engine.ModelSet set, int shift) {
        try (var key = set.ingest().ingest(texture(512, 512, 0));
                var image = set.ingest().ingest(texture(512, 512, shift));
                var flow = set.flow().estimate(key, image)) {
            float[] f = flow.vectors();
            double sum = 0;
            int n = 0;
            for (int y = 8; y < 120; y++) {
                for (int x = 8; x < 112; x++) { // the right edge has no match in the key frame
                    int i = (y * 128 + x) * 2;
                    sum += Math.hypot(f[i] - shift / 4.0, f[i + 1]);
                    n++;
                }
            }
            return sum / n;
        }
    }

    /**
     * A texture (blocks of 6 px, unlike anything the network trained on) moved by half a cell: the default set's
     * network is 0.38 cells off on average, and a Lucas-Kanade step on the two frames' grey images brings it within
     * ~0.03 with the default two steps (0.60 and 0.19, one step, with the network trained on synthetic pairs alone).
     */
    @Test
    void lucasKanadeBringsTheNetworksFlowCloserToAKnownShift() {
        Path set = org.gstdff.model.imports.RealModels.defaultSet();
        try (var plain = SharedModelSets.open(set, Device.CPU, 1, null, FlowRefine.NONE);
                var refined = SharedModelSets.open(set, Device.CPU, 1, null, FlowRefine.LUCAS_KANADE)) {
            assertTrue(refined.describe().contains("Lucas-Kanade x2 at 2 px a cell, window 14"), refined.describe());
            assertFalse(plain.describe().contains("Lucas-Kanade"), plain.describe());
            double before = meanErrorOnAShift(plain, 2);
            double after = meanErrorOnAShift(refined, 2);
            System.err.println("mean error on a half-cell shift: network " + before + ", + Lucas-Kanade " + after);
            assertTrue(after < 0.25 && after < before / 2, "network " + before + ", + Lucas-Kanade " + after);
        }
    }

    /** A set whose flow description asks for the refinement gets it by default (auto), and not with none. */
    @Test
    void aSetsRefinementIsUsedUnlessTurnedOffAndABadOneIsNamed() throws IOException {
        Path dir = TinyModelSet.write(tmp.resolve("refined"), 2);
        Path m = dir.resolve(ModelContract.MANIFEST);
        String plain = Files.readString(m);
        Files.writeString(m, plain.replace("\"kind\"", "\"refine\": {\"method\": \"lucas-kanade\", "
                + "\"iterations\": 2, \"scale\": 1, \"window\": 5, \"lambda\": 0.0001}, \"kind\""));
        try (var auto = SharedModelSets.open(dir, Device.CPU, 1, null, FlowRefine.AUTO);
                var none = SharedModelSets.open(dir, Device.CPU, 1, null, FlowRefine.NONE);
                var dis = SharedModelSets.open(dir, Device.CPU, 1, DisFlowNet.Settings.REFERENCE, FlowRefine.AUTO)) {
            assertTrue(auto.describe().contains("Lucas-Kanade x2 at 1 px a cell, window 5"), auto.describe());
            assertFalse(none.describe().contains("Lucas-Kanade"), none.describe());
            assertFalse(dis.describe().contains("Lucas-Kanade"), "auto refines the set's network only: "
                    + dis.describe());
            try (var key = auto.ingest().ingest(texture(160, 120, 0));
                    var cur = auto.ingest().ingest(texture(160, 120, 3));
                    var flow = auto.flow().estimate(key, cur)) {
                for (float v : flow.vectors()) {
                    assertTrue(Float.isFinite(v), "finite flow");
                }
            }
        }
        Files.writeString(m, plain.replace("\"kind\"", "\"refine\": {\"method\": \"lucas-kanade\", "
                + "\"iterations\": 1, \"scale\": 3, \"window\": 5, \"lambda\": 0.0001}, \"kind\""));
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(dir, Device.CPU));
        assertTrue(e.getMessage().contains("flow.refine") && e.getMessage().contains("scale is 1, 2 or 4"),
                e.getMessage());
        Files.writeString(m, plain.replace("\"kind\"", "\"refine\": \"yes\", \"kind\""));
        e = assertThrows(ModelSetException.class, () -> TfModelSet.load(dir, Device.CPU));
        assertTrue(e.getMessage().contains("flow.refine must be an object with \"method\": \"lucas-kanade\""),
                e.getMessage());
        Files.writeString(m, plain.replace("\"kind\"", "\"refine\": {\"method\": \"lucas-kanade\", "
                + "\"iterations\": 1.5, \"scale\": 2, \"window\": 14, \"lambda\": 0.0001}, \"kind\""));
        e = assertThrows(ModelSetException.class, () -> TfModelSet.load(dir, Device.CPU));
        assertTrue(e.getMessage().contains("flow.refine: field 'iterations'"), e.getMessage());
        // cells the frames agree on skipped: read, shown, and a threshold out of range named
        Files.writeString(m, plain.replace("\"kind\"", "\"refine\": {\"method\": \"lucas-kanade\", "
                + "\"iterations\": 2, \"scale\": 1, \"window\": 5, \"lambda\": 0.0001, \"still\": 0.02}, \"kind\""));
        assertEquals(0.02f, ModelManifest.read(dir).flowRefinement().still());
        assertEquals(0.02f, ((Number) ModelManifest.describe(ModelManifest.read(dir).flowRefinement()).get("still"))
                .floatValue());
        try (var still = SharedModelSets.open(dir, Device.CPU, 1, null, FlowRefine.AUTO)) {
            assertTrue(still.describe().contains("still where the frames differ by <= 0.02 grey"), still.describe());
        }
        Files.writeString(m, plain.replace("\"kind\"", "\"refine\": {\"method\": \"lucas-kanade\", "
                + "\"iterations\": 2, \"scale\": 1, \"window\": 5, \"lambda\": 0.0001, \"still\": 3}, \"kind\""));
        e = assertThrows(ModelSetException.class, () -> TfModelSet.load(dir, Device.CPU));
        assertTrue(e.getMessage().contains("flow.refine") && e.getMessage().contains("still threshold"),
                e.getMessage());
    }

    /**
     * A flow network whose manifest says {@code "scale": "unit"} is run without its scale branch and warped without
     * the multiply: the same features as with its (all-ones) scale fetched and applied.
     */
    @Test
    void unitScaleIsSkippedWithTheSameResult() throws IOException {
        org.gstdff.train.FlowNetwork.Config c = org.gstdff.train.FlowModelWriter.configFor(tiny, List.of(8, 12));
        Path withScale = tmp.resolve("with-scale");
        org.gstdff.train.FlowModelWriter.writeSet(tiny, withScale, c, org.gstdff.train.FlowModelWriter.initial(3),
                "flownet-untrained");
        Path unit = tmp.resolve("unit-scale");
        FileTrees.copy(withScale, unit);
        Path manifest = unit.resolve(ModelContract.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"kind\"", "\"scale\": \"unit\", \"kind\""));
        assertTrue(ModelManifest.read(unit).flowScaleIsUnit());
        assertFalse(ModelManifest.read(withScale).flowScaleIsUnit());
        try (TfModelSet a = TfModelSet.load(withScale, Device.CPU); TfModelSet b = TfModelSet.load(unit, Device.CPU);
                var keyA = a.ingest().ingest(texture(160, 120, 0));
                var curA = a.ingest().ingest(texture(160, 120, 3));
                var featA = a.feature().extract(keyA);
                VectorField flowA = (VectorField) a.flow().estimate(keyA, curA);
                var warpedA = a.flow().warp(featA, flowA);
                var keyB = b.ingest().ingest(texture(160, 120, 0));
                var curB = b.ingest().ingest(texture(160, 120, 3));
                var featB = b.feature().extract(keyB);
                VectorField flowB = (VectorField) b.flow().estimate(keyB, curB);
                var warpedB = b.flow().warp(featB, flowB)) {
            assertTrue(flowA.scale() != null, "scale fetched");
            assertTrue(flowB.scale() == null, "unit scale: not fetched");
            float[] x = read(((TfFeatureMap) warpedA).tensor());
            float[] y = read(((TfFeatureMap) warpedB).tensor());
            assertEquals(x.length, y.length);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-6f, "element " + i);
            }
        }
    }

    @Test
    void gpuDeviceRunsOnAGpuOrFailsClearly() {
        if (Device.gpuAvailable()) {
            try (TfModelSet set = TfModelSet.load(tiny, Device.GPU)) {
                assertEquals(TinyModelSet.LABELS, set.labels());
            }
        } else {
            ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(tiny, Device.GPU));
            assertTrue(e.getMessage().startsWith("device=gpu: TensorFlow finds no usable GPU"), e.getMessage());
        }
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = tmp.resolve("nope");
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(missing, Device.CPU));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void missingSavedModelIsNamed() throws IOException {
        Path dir = TinyModelSet.write(tmp.resolve("noflow"), 1);
        FileTrees.delete(dir.resolve("flow"));
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(dir, Device.CPU));
        assertTrue(e.getMessage().contains("flow") && e.getMessage().contains("saved_model.pb"), e.getMessage());
    }

    @Test
    void wrongSignatureIsNamed() throws IOException {
        Path dir = TinyModelSet.write(tmp.resolve("swapped"), 1);
        // a task model where a flow model belongs: its signature lacks the inputs the contract names
        FileTrees.delete(dir.resolve("flow"));
        FileTrees.copy(dir.resolve("task"), dir.resolve("flow"));
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(dir, Device.CPU));
        assertTrue(e.getMessage().contains("input 'image' is missing"), e.getMessage());
    }

    @Test
    void manifestStrideMismatchIsNamed() throws IOException {
        Path dir = TinyModelSet.write(tmp.resolve("stride"), 1);
        Path m = dir.resolve("model.json");
        Files.writeString(m, Files.readString(m).replace("\"stride\": 8", "\"stride\": 16"));
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(dir, Device.CPU));
        assertTrue(e.getMessage().contains("output 'feature' has shape") && e.getMessage().contains("stride 16"),
                e.getMessage());
    }

    @Test
    void badManifestFieldIsNamed() throws IOException {
        Path dir = TinyModelSet.write(tmp.resolve("badfield"), 1);
        Path m = dir.resolve("model.json");
        Files.writeString(m, Files.readString(m).replace("\"score_threshold\": 0.6", "\"score_threshold\": 1.6"));
        ModelSetException e = assertThrows(ModelSetException.class, () -> TfModelSet.load(dir, Device.CPU));
        assertTrue(e.getMessage().contains("model.json") && e.getMessage().contains("score_threshold"),
                e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
