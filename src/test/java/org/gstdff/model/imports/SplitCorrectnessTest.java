package org.gstdff.model.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.Detection;
import org.gstdff.core.Frame;
import org.gstdff.core.PixelFormat;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Mode;
import org.gstdff.gst.FrameGrabber;
import org.gstdff.gst.PipelineLauncher;
import org.gstdff.model.Device;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.TfModelSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * A split model set in {@code frame} mode gives the unsplit detector's detections on real vtest.avi frames: same
 * labels, same scores, boxes within 1e-3 of the frame size. The default set (split at CenterNet's head outputs,
 * decoded in Java down to its score floor) and the feature split (decoded by the graph) both.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SplitCorrectnessTest {

    static Map<Integer, BufferedImage> frames;

    static synchronized void ensureFrames() throws Exception {
        if (frames == null) {
            decodeFrames();
        }
    }

    @BeforeAll
    static void decodeFrames() throws Exception {
        try (PipelineLauncher l = PipelineLauncher.build("filesrc location=" + RealModels.vtest()
                + " ! decodebin ! videoconvert ! video/x-raw,format=RGB ! identity name=tap ! fakesink")) {
            FrameGrabber g = FrameGrabber.on(l.pipeline().getElementByName("tap"), Set.of(0, 150, 300, 450, 600, 790));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(120_000, null), l.error());
            frames = g.images();
        }
        assertEquals(6, frames.size());
    }

    static ByteBuffer rgb(BufferedImage img) {
        ByteBuffer b = ByteBuffer.allocateDirect(img.getWidth() * img.getHeight() * 3);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                b.put((byte) (p >> 16)).put((byte) (p >> 8)).put((byte) p);
            }
        }
        return b.flip();
    }

    /** The original detector graph (with the same input pre-processing) run whole, decoded by hand. */
    static List<float[]> unsplit(Graph g, Session s, ByteBuffer pixels, int w, int h) {
        try (TUint8 img = TUint8.tensorOf(Shape.of(1, h, w, 3), org.tensorflow.ndarray.buffer.DataBuffers.of(
                pixels.duplicate()));
                Result r = s.runner().feed("dff/image", img).fetch("tower_0/detections").run()) {
            TFloat32 det = (TFloat32) r.get(0);
            int n = (int) det.shape().get(1);
            float[] all = new float[n * 6];
            det.asRawTensor().data().asFloats().read(all);
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(new float[] {all[6 * i] / 512f * w, all[6 * i + 1] / 512f * h, all[6 * i + 2] / 512f * w,
                    all[6 * i + 3] / 512f * h, all[6 * i + 4], all[6 * i + 5]});
            }
            return out;
        }
    }

    @TempDir
    static Path tmp;

    @Test
    void theDefaultHeadSplitEqualsTheUnsplitDetectorDownToItsFloor() {
        ModelManifest m = ModelManifest.read(RealModels.defaultSet());
        assertTrue(m.isHeadMap(), "the default set is split at the head's outputs");
        assertEquals(84, m.featureChannels());
        assertEquals(0.05f, m.decode().scoreFloor());
        compareWithUnsplit(RealModels.defaultSet(), m.decode().scoreFloor());
    }

    @Test
    void theFeatureSplitEqualsTheUnsplitDetector() throws Exception {
        Path set = tmp.resolve("feature-split");
        ModelManifest m = DetectorImporter.write(DetectorPresets.centernet(RealModels.centernetJson(),
                DetectorPresets.CENTERNET_FEATURE_SPLIT), set);
        assertEquals(128, m.featureChannels());
        assertFalse(m.isHeadMap());
        compareWithUnsplit(set, 0f);
    }

    /** Every unsplit detection at or above {@code floor}, in order, against the set's; the set has no others. */
    private static void compareWithUnsplit(Path setDir, float floor) {
        DetectorImporter.Spec spec = DetectorPresets.centernet(RealModels.centernetJson(),
                DetectorPresets.CENTERNET_SPLIT);
        int compared = 0;
        try (Graph g = new Graph()) {
            g.importGraphDef(DetectorImporter.withPreprocessing(spec));
            try (Session s = new Session(g);
                    TfModelSet set = TfModelSet.load(setDir, Device.CPU);
                    DffEngine engine = new DffEngine(set, Mode.FRAME, 10, 0f)) {
                for (BufferedImage img : frames.values()) {
                    int w = img.getWidth();
                    int h = img.getHeight();
                    ByteBuffer px = rgb(img);
                    List<float[]> want = unsplit(g, s, px, w, h).stream().filter(e -> e[4] >= floor).toList();
                    List<Detection> got = engine.process(Frame.packed(px, w, h, PixelFormat.RGB), false).detections();
                    assertEquals(want.size(), got.size(), "detections at or above " + floor);
                    for (int i = 0; i < want.size(); i++) {
                        float[] e = want.get(i);
                        Detection d = got.get(i);
                        if (e[4] < 0.05f) {
                            break; // the long tail of near-zero scores may swap places between equal values
                        }
                        assertEquals((int) e[5], d.labelId(), "label of detection " + i);
                        assertEquals(spec.labels().get((int) e[5]), d.label());
                        assertEquals(e[4], d.confidence(), 1e-5, "score of detection " + i);
                        assertEquals(Math.max(0, Math.min(w, e[0])), d.box().x1(), 1e-3 * w, "x1 of " + i);
                        assertEquals(Math.max(0, Math.min(h, e[1])), d.box().y1(), 1e-3 * h, "y1 of " + i);
                        assertEquals(Math.max(0, Math.min(w, e[2])), d.box().x2(), 1e-3 * w, "x2 of " + i);
                        assertEquals(Math.max(0, Math.min(h, e[3])), d.box().y2(), 1e-3 * h, "y2 of " + i);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared > 30, "compared " + compared + " detections");
    }

    @Test
    void detectsThePeopleOnVtest() {
        try (TfModelSet set = TfModelSet.load(RealModels.defaultSet(), Device.CPU);
                DffEngine engine = new DffEngine(set, Mode.FRAME, 10, set.scoreThreshold())) {
            int people = 0;
            int upright = 0;
            for (BufferedImage img : frames.values()) {
                for (Detection d : engine.process(Frame.packed(rgb(img), img.getWidth(), img.getHeight(),
                        PixelFormat.RGB), false).detections()) {
                    if (d.label().equals("person")) {
                        people++;
                        // pedestrians on vtest are roughly 15-60 px wide and 30-120 px tall
                        upright += d.box().height() > d.box().width() ? 1 : 0;
                        assertTrue(d.box().height() > 10 && d.box().height() < 200, "height " + d.box().height());
                    }
                }
            }
            assertTrue(people >= 12, "3-10 walking people per frame over 6 frames, found " + people);
            assertTrue(upright >= 0.8 * people, upright + " of " + people + " person boxes are taller than wide");
        }
    }
}
