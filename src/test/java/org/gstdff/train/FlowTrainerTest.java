package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gstdff.TestModels;
import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;
import org.gstdff.core.DetectionLinks;
import org.gstdff.core.Frame;
import org.gstdff.core.LucasKanade;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Mode;
import org.gstdff.engine.VectorField;
import org.gstdff.gst.ClipReader;
import org.gstdff.model.Device;
import org.gstdff.model.DisFlowNet;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.TfModelSet;
import org.gstdff.model.TfModelSetTest;
import org.gstdff.model.imports.DetectorPresets;
import org.gstdff.model.imports.RealModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training smoke test CI runs: a few steps on the tiny set, then the exported network loads and runs. */
class FlowTrainerTest {

    @TempDir
    Path tmp;

    /** A texture moving 4 px per frame to the left. */
    private static FlowTrainer.Clip movingTexture(int frames) {
        return movingTexture(frames, 4);
    }

    private static FlowTrainer.Clip movingTexture(int frames, int pixelsPerFrame) {
        List<byte[]> f = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            Frame fr = TfModelSetTest.texture(128, 128, pixelsPerFrame * i);
            byte[] b = new byte[128 * 128 * 3];
            ByteBuffer p = fr.pixels().duplicate();
            p.get(b);
            f.add(b);
        }
        return new FlowTrainer.Clip("moving", 128, 128, f);
    }

    /** Trains a fresh network on the tiny set (seed 1, lr 1e-2, offset 1) and exports it; returns the steps. */
    private static List<FlowTrainer.Step> trainAndExport(FlowNetwork.Config c, FlowTrainer.Clip clip,
            List<FlowTrainer.Phase> phases, Path flowDir) throws Exception {
        List<FlowTrainer.Step> steps = new ArrayList<>();
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 1)) {
            t.train(List.of(clip), phases, 1, 1e-2f, 2, steps::add);
            t.export(flowDir);
        }
        return steps;
    }

    /** A copy of the tiny set with the exported network {@code flowDir} installed. */
    private Path installed(Path flowDir, FlowNetwork.Config c) throws Exception {
        Files.writeString(flowDir.resolve("flow.json"), "{\"kind\": \"learned\", \"widths\": [8, 12]}");
        Path set = tmp.resolve("set");
        FlowModelWriter.writeSet(TestModels.tiny(), set, c, FlowModelWriter.initial(1), "flownet-untrained");
        FlowModelWriter.install(flowDir, set);
        return set;
    }

    /** The set's flow between the texture and the texture moved {@code shift} px is that shift, in cells (+-30%). */
    private static void assertMeanFlow(Path set, FlowNetwork.Config c, int shift) throws Exception {
        try (TfModelSet s = TfModelSet.load(set, Device.CPU);
                var key = s.ingest().ingest(TfModelSetTest.texture(128, 128, 0));
                var current = s.ingest().ingest(TfModelSetTest.texture(128, 128, shift));
                VectorField flow = (VectorField) s.flow().estimate(key, current)) {
            float[] v = flow.vectors();
            assertEquals(c.gridWidth() * c.gridHeight() * 2, v.length);
            double expected = (double) shift * c.gridWidth() / 128;
            double x = 0;
            double y = 0;
            for (int i = 0; i < v.length; i += 2) {
                x += v[i];
                y += v[i + 1];
            }
            x /= v.length / 2;
            y /= v.length / 2;
            assertEquals(expected, x, 0.3 * expected, "mean flow along x, cells");
            assertEquals(0, y, 0.3 * expected, "mean flow along y, cells");
        }
    }

    @Test
    void clipsTooShortForAPairAreAnErrorNotALoop() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.train(
                    List.of(movingTexture(1), movingTexture(0)), List.of(new FlowTrainer.Phase("teacher", 5, 1f, 0f)),
                    1, 1e-2f, 2, s -> { }));
            assertTrue(e.getMessage().contains("none of the 2 clips has 2 frames or more: [moving (1), moving (0)]"),
                    e.getMessage());
        }
    }

    /**
     * Label-free steps on a texture moving 2 px per frame find that motion: the census loss falls and the exported
     * network's flow is the shift (2 px of the 128 px frame is a quarter of a 16-cell grid's cell).
     */
    @Test
    void unsupervisedStepsFindTheMotionWithoutTeacherOrFeatures() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        Path flowDir = tmp.resolve("flow");
        // from scratch: without the occlusion check's warm-up this drifted until every pixel left the frame
        List<FlowTrainer.Step> steps = trainAndExport(c, movingTexture(2, 2), List.of(FlowTrainer.Phase.unsupervised(
                "unsupervised", 60, 0f, 1f, 0.5f)), flowDir);
        assertEquals(60, steps.size());
        assertTrue(steps.stream().allMatch(s -> Double.isFinite(s.photometric()) && Double.isNaN(s.epe())
                && Double.isNaN(s.featureLoss()) && Double.isNaN(s.taskLoss())), "census only: " + steps.get(0));
        double first = steps.subList(0, 5).stream().mapToDouble(FlowTrainer.Step::photometric).average().orElseThrow();
        double last = steps.subList(55, 60).stream().mapToDouble(FlowTrainer.Step::photometric).average()
                .orElseThrow();
        assertTrue(last < first * 0.9, "the census loss falls: " + first + " -> " + last);

        assertMeanFlow(installed(flowDir, c), c, 2);
    }

    @Test
    void chainedStepsFitTheTeachersComposedFlow() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        Path flowDir = tmp.resolve("flow");
        List<FlowTrainer.Step> steps = new ArrayList<>();
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 1, null, 3)) {
            t.trainChained(List.of(movingTexture(5, 2)), 60, 1e-2f, 2, steps::add);
            t.export(flowDir);
        }
        assertEquals(60, steps.size());
        assertTrue(steps.stream().allMatch(s -> s.phase().equals("chain") && Double.isFinite(s.epe())));
        double first = steps.subList(0, 5).stream().mapToDouble(FlowTrainer.Step::epe).average().orElseThrow();
        double last = steps.subList(55, 60).stream().mapToDouble(FlowTrainer.Step::epe).average().orElseThrow();
        assertTrue(last < first * 0.5, "the chained EPE falls: " + first + " -> " + last);
        assertMeanFlow(installed(flowDir, c), c, 2);
    }

    @Test
    void chainedStepsThroughTheRefinementAreScoredOnTheRefinedFlowAndStillLearn() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        LucasKanade.Settings refine = new LucasKanade.Settings(2, 2, 6, 1e-4f, 0.01f); // 3x3 cells on a 16x16 grid
        List<FlowTrainer.Step> plain = new ArrayList<>();
        List<FlowTrainer.Step> refined = new ArrayList<>();
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer p = new FlowTrainer(set, c, 1, null, 3);
                FlowTrainer r = new FlowTrainer(set, c, 1, null, 3, 0f, refine)) {
            p.trainChained(List.of(movingTexture(5, 2)), 1, 1e-2f, 2, plain::add);
            r.trainChained(List.of(movingTexture(5, 2)), 40, 1e-2f, 2, refined::add);
        }
        // the same start and chain: the untrained network's flow is 0 and the steps move it towards the motion
        assertTrue(refined.get(0).epe() < 0.5 * plain.get(0).epe(), "the first step's chained EPE, refined "
                + refined.get(0).epe() + " against " + plain.get(0).epe());
        assertTrue(refined.stream().allMatch(s -> Double.isFinite(s.epe())));
        double first = refined.subList(0, 5).stream().mapToDouble(FlowTrainer.Step::epe).average().orElseThrow();
        double last = refined.subList(35, 40).stream().mapToDouble(FlowTrainer.Step::epe).average().orElseThrow();
        assertTrue(last < first * 0.8, "the refined chained EPE falls: " + first + " -> " + last);
    }

    @Test
    void theChainAnchorTakesASyntheticPairAfterEveryNthChainStepAndNeedsPairs() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        var photos = List.of(SyntheticPairsTest.noise(200, 170, 4), SyntheticPairsTest.noise(200, 170, 5));
        SyntheticPairs pairs = new SyntheticPairs(photos, new SyntheticPairs.Config(128, 96, c.gridWidth(),
                c.gridHeight(), 16, 24, 10, 0.1), 2);
        java.util.concurrent.atomic.AtomicInteger drawn = new java.util.concurrent.atomic.AtomicInteger();
        List<FlowTrainer.Step> steps = new ArrayList<>();
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 1, null, 3);
                FlowTrainer bare = new FlowTrainer(set, c, 1, null, 3)) {
            t.withSynthetic(() -> {
                drawn.incrementAndGet();
                return pairs.next();
            }, 128, 96, true).withChainAnchor(3).trainChained(List.of(movingTexture(5, 2)), 7, 1e-2f, 2,
                    steps::add);
            assertEquals(2, drawn.get(), "a pair after chain steps 3 and 6");
            assertEquals(7, steps.size());
            assertTrue(steps.stream().allMatch(s -> s.phase().equals("chain") && Double.isFinite(s.epe())));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> bare.withChainAnchor(2));
            assertTrue(e.getMessage().contains("needs synthetic pairs"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> t.withChainAnchor(-1));
        }
    }

    @Test
    void theChainAverageEndsOnTheMeanOfTheSnapshotsCountedBackFromTheLastStep() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        List<Map<String, float[]>> snapshots = new ArrayList<>();
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 1, null, 3)) {
            // every 2nd of the last 4 of 7 steps: after steps 3, 5 and 7
            t.withChainAverage(4, 2).trainChained(List.of(movingTexture(5, 2)), 7, 1e-2f, 2, s -> {
                if (s.step() == 3 || s.step() == 5 || s.step() == 7) {
                    snapshots.add(FlowModelWriter.values(export(t)));
                }
            });
            Map<String, float[]> ended = FlowModelWriter.values(export(t));
            int differing = 0;
            for (Map.Entry<String, float[]> e : ended.entrySet()) {
                float[] a = snapshots.get(0).get(e.getKey());
                float[] b = snapshots.get(1).get(e.getKey());
                float[] last = snapshots.get(2).get(e.getKey());
                for (int i = 0; i < a.length; i++) {
                    double mean = (a[i] + (double) b[i] + last[i]) / 3;
                    assertEquals(mean, e.getValue()[i], 1e-6 * Math.max(1, Math.abs(mean)), e.getKey() + "[" + i
                            + "]");
                    differing += e.getValue()[i] != last[i] ? 1 : 0;
                }
            }
            assertTrue(differing > 100, "the mean is not the last step's parameters: " + differing + " differ");
            assertThrows(IllegalArgumentException.class, () -> t.withChainAverage(-1, 2));
            assertThrows(IllegalArgumentException.class, () -> t.withChainAverage(4, 0));
        }
    }

    private Path export(FlowTrainer t) {
        try {
            Path dir = Files.createTempDirectory(tmp, "net");
            Files.delete(dir);
            t.export(dir);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void chainedTrainingRefusesClipsShorterThanAChainAndATrainerWithoutOne() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer chained = new FlowTrainer(set, c, 1, null, 4);
                FlowTrainer plain = new FlowTrainer(set, c, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chained.trainChained(
                    List.of(movingTexture(4)), 5, 1e-2f, 2, s -> { }));
            assertTrue(e.getMessage().contains("runs of 5 consecutive frames, but no clip has that many: "
                    + "[moving (4)]"), e.getMessage());
            IllegalStateException none = assertThrows(IllegalStateException.class, () -> plain.trainChained(
                    List.of(movingTexture(6)), 5, 1e-2f, 2, s -> { }));
            assertTrue(none.getMessage().contains("built with a chain length"), none.getMessage());
        }
    }

    @Test
    void theChainsTaskTermReadsTheRealDetectorsHeadMapAndATinyFeatureSplitSetIsRefused() throws Exception {
        Path real = RealModels.defaultSet();
        FlowNetwork.Config c = FlowModelWriter.configFor(real, List.of(8, 12));
        List<FlowTrainer.Step> steps = new ArrayList<>();
        try (TfModelSet set = TfModelSet.load(real, Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 1, null, 2, 0.5f)) {
            t.trainChained(List.of(movingTexture(4, 2)), 4, 1e-3f, 2, steps::add);
        }
        assertEquals(4, steps.size());
        for (FlowTrainer.Step s : steps) {
            assertTrue(Double.isFinite(s.taskLoss()) && s.taskLoss() >= 0, "task term: " + s);
            assertEquals(s.epe() + 0.5 * s.taskLoss(), s.loss(), 1e-6, "the loss is EPE + weight * task");
        }
        FlowNetwork.Config tiny = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FlowTrainer(set, tiny, 1, null, 2, 0.5f));
            assertTrue(e.getMessage().contains("needs a set whose feature map is a detection head's output"),
                    e.getMessage());
        }
    }

    @Test
    void theBoxTeacherMovesTheMiddleOfEachWalkerAsTheDetectorsBoxes() throws Exception {
        // vtest frames 300-302 (the camera-adaptation range; this network is thrown away) at adapt's frame size
        int fw = FlowTrainer.FRAME_WIDTH;
        int fh = FlowTrainer.FRAME_HEIGHT;
        List<byte[]> frames = ClipReader.readRuns(RealModels.vtest(), fw, fh, List.of(new int[] {300, 303})).get(0);
        List<FlowTrainer.Clip> clips = List.of(new FlowTrainer.Clip("vtest:300-303", fw, fh, frames));
        Path real = RealModels.defaultSet();
        try (TfModelSet set = TfModelSet.load(real, Device.CPU);
                DisFlowNet dis = set.disFlowNet(DisFlowNet.Settings.REFERENCE);
                DffEngine detector = new DffEngine(set, Mode.FRAME, 1, set.scoreFloor())) {
            List<List<Detection>> seen = new ArrayList<>();
            for (byte[] f : frames) {
                seen.add(detector.process(Frame.rgb(f, fw, fh), true).detections());
            }
            TeacherChains.Targets plain = new TeacherChains(clips, dis, set.ingest()).targets(0, 0, 2);
            TeacherChains.Targets boxed = new TeacherChains(clips, dis, set.ingest(), (c, f) -> seen.get(f),
                    set.scoreThreshold()).targets(0, 0, 2);
            int w = boxed.width();
            double sx = (double) w / fw;
            double sy = (double) boxed.height() / fh;
            int checked = 0;
            List<Detection> people = seen.get(1).stream().filter(d -> d.confidence() >= set.scoreThreshold())
                    .toList();
            int[] earlier = DetectionLinks.follow(people, seen.get(0), DetectionLinks.MIN_SCORE,
                    DetectionLinks.MIN_IOU);
            for (int i = 0; i < people.size(); i++) {
                if (earlier[i] < 0) {
                    continue;
                }
                BoundingBox a = people.get(i).box();
                BoundingBox b = seen.get(0).get(earlier[i]).box();
                int cell = (int) ((a.y1() + a.y2()) / 2 * sy) * w + (int) ((a.x1() + a.x2()) / 2 * sx);
                // the link from frame 1 to frame 0 at the walker's middle: its box's motion (unless a more
                // confident overlapping box took the cell)
                float dx = boxed.flows()[2 * cell];
                float want = (float) (((b.x1() + b.x2()) - (a.x1() + a.x2())) / 2 * sx);
                if (Math.abs(dx - want) < 1e-5) {
                    checked++;
                }
                assertEquals(1f, boxed.visible()[cell]);
            }
            assertTrue(checked >= 2, "vtest's walkers seen on both frames: " + checked + " of " + people.size());
            // away from every box the teacher is DIS's, unchanged
            int same = 0;
            for (int c = 0; c < w * boxed.height(); c++) {
                same += boxed.flows()[2 * c] == plain.flows()[2 * c] ? 1 : 0;
            }
            assertTrue(same > w * boxed.height() * 0.8 && same < w * boxed.height(), "cells as DIS's: " + same);
        }
        FlowNetwork.Config c = FlowModelWriter.configFor(real, List.of(8, 12));
        List<FlowTrainer.Step> steps = new ArrayList<>();
        try (TfModelSet set = TfModelSet.load(real, Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 1, null, 2, 0f).withBoxTeacher(true)) {
            t.trainChained(clips, 3, 1e-3f, 2, steps::add);
        }
        assertEquals(3, steps.size());
        assertTrue(steps.stream().allMatch(s -> Double.isFinite(s.epe()) && s.epe() > 0), "steps: " + steps);
    }

    @Test
    void aPhaseMixingUnsupervisedAndFeatureTermsIsAnError() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 1)) {
            FlowTrainer.Phase mixed = new FlowTrainer.Phase("mixed", 3, 0f, 1f, 0f, 1f, 0f, false, false);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.train(
                    List.of(movingTexture(3)), List.of(mixed), 1, 1e-2f, 2, s -> { }));
            assertTrue(e.getMessage().contains("phase 'mixed' mixes the unsupervised terms with the feature or task "
                    + "terms"), e.getMessage());
        }
    }

    @Test
    void fewStepsLowerTheTeacherLossAndTheResultIsAUsableModelSet() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        Path flowDir = tmp.resolve("flow");
        // one pair, so the teacher's flow is one fixed target the network must be able to fit
        List<FlowTrainer.Step> steps = trainAndExport(c, movingTexture(2), List.of(new FlowTrainer.Phase("teacher",
                60, 1f, 0f), new FlowTrainer.Phase("feature", 4, 0.1f, 1f)), flowDir);
        assertEquals(64, steps.size());
        assertTrue(steps.stream().allMatch(s -> Double.isFinite(s.loss())), "finite losses");
        double first = steps.subList(0, 10).stream().mapToDouble(FlowTrainer.Step::epe).average().orElseThrow();
        double last = steps.subList(50, 60).stream().mapToDouble(FlowTrainer.Step::epe).average().orElseThrow();
        assertTrue(last < first * 0.5, "EPE to the teacher falls: " + first + " -> " + last);

        // training can continue from an export: a trainer started from it exports the same parameters
        Path again = tmp.resolve("again");
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 99, FlowModelWriter.read(flowDir))) {
            t.export(again);
        }
        Map<String, float[]> before = FlowModelWriter.values(flowDir);
        Map<String, float[]> after = FlowModelWriter.values(again);
        assertTrue(before.containsKey("enc0_w") && before.containsKey("scale_b"), "parameters by name: "
                + before.keySet());
        for (String name : List.of("enc0_w", "enc1_w", "dec0_w", "flow0_b", "scale_w", "scale_b")) {
            assertArrayEquals(before.get(name), after.get(name), name);
        }
        Path set = installed(flowDir, c);
        assertEquals("learned", ModelManifest.read(set).flowKind());
        try (TfModelSet s = TfModelSet.load(set, Device.CPU); DffEngine e = new DffEngine(s, Mode.DFF, 4, 0f)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(i % 4 == 0, e.process(TfModelSetTest.texture(128, 128, 4 * i), false).keyFrame());
            }
        }
    }

    /**
     * On the feature split (the detector's head runs on the propagated features, as in the DFF paper), where the
     * task loss reaches the flow through the head's 3x3 convolutions; the head-map form of the loss (the default
     * set's) is checked against finite differences in TaskLossTest.
     */
    @Test
    void taskPhaseLowersTheHeadsDisagreementOnOnePair() throws Exception {
        // the real head: a 1 px shift of the 128 px frame is one feature pixel
        Path real = tmp.resolve("feature-split");
        org.gstdff.model.imports.DetectorImporter.write(DetectorPresets.centernet(RealModels.centernetJson(),
                DetectorPresets.CENTERNET_FEATURE_SPLIT), real);
        FlowNetwork.Config c = FlowModelWriter.configFor(real, List.of(8, 12));
        List<FlowTrainer.Step> steps = new ArrayList<>();
        try (TfModelSet set = TfModelSet.load(real, Device.CPU);
                TaskLoss loss = TaskLoss.forSet(real, DetectorPresets.CENTERNET_HEATMAP_LOGITS,
                        DetectorPresets.CENTERNET_BOX_MAP);
                FlowTrainer t = new FlowTrainer(set, c, 1)) {
            t.withTaskLoss(loss).train(List.of(movingTexture(2, 1)), List.of(FlowTrainer.Phase.task("task", 60, false)),
                    1, 1e-2f, 2, steps::add);
        }
        assertEquals(60, steps.size());
        assertTrue(steps.stream().allMatch(s -> Double.isNaN(s.epe()) && Double.isFinite(s.taskLoss())),
                "task steps report the task loss, not an EPE");
        double first = steps.subList(0, 5).stream().mapToDouble(FlowTrainer.Step::taskLoss).average().orElseThrow();
        double last = steps.subList(55, 60).stream().mapToDouble(FlowTrainer.Step::taskLoss).average().orElseThrow();
        assertTrue(last < first * 0.8, "the head's disagreement falls: " + first + " -> " + last);
    }

    @Test
    void syntheticPhaseFitsTheKnownFlowOfAPair() {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12));
        var photos = List.of(SyntheticPairsTest.noise(200, 170, 4), SyntheticPairsTest.noise(200, 170, 5));
        // one pair over and over, so its known flow is a fixed target the network must be able to fit
        SyntheticPairs.Pair pair = new SyntheticPairs(photos, new SyntheticPairs.Config(128, 96, c.gridWidth(),
                c.gridHeight(), 16, 24, 10, 0.1), 2).next();
        List<FlowTrainer.Step> steps = new ArrayList<>();
        try (TfModelSet set = TfModelSet.load(TestModels.tiny(), Device.CPU);
                FlowTrainer t = new FlowTrainer(set, c, 1)) {
            t.withSynthetic(() -> pair, 128, 96, true).train(List.of(), List.of(FlowTrainer.Phase.synthetic(
                    "synthetic", 80)), 1, 1e-2f, 2, steps::add);
        }
        assertEquals(80, steps.size());
        assertTrue(steps.stream().allMatch(s -> s.phase().equals("synthetic") && Double.isFinite(s.epe())));
        double first = steps.subList(0, 10).stream().mapToDouble(FlowTrainer.Step::epe).average().orElseThrow();
        double last = steps.subList(70, 80).stream().mapToDouble(FlowTrainer.Step::epe).average().orElseThrow();
        assertTrue(last < first * 0.5, "EPE to the known flow falls: " + first + " -> " + last);
    }
}
