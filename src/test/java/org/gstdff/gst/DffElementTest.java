package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gstdff.TestModels;
import org.gstdff.core.Json;
import org.gstdff.core.KeyReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dff element in real pipelines over the tiny model set. */
class DffElementTest {

    static final String SRC = "videotestsrc num-buffers=%d pattern=ball ! video/x-raw,format=RGB,width=160,height=120,"
            + "framerate=30/1 ! ";

    static PipelineLauncher launch(String desc) {
        return PipelineLauncher.build(desc.replace("TINY", TestModels.tiny().toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dff", "frame", "hold", "track"})
    void everyBufferOnceInOrderWithTimestampsInEveryMode(String mode) throws Exception {
        try (PipelineLauncher l = launch(String.format(SRC, 40) + "dff model=TINY key-interval=5 mode=" + mode
                + " ! fakesink name=out")) {
            FrameRecorder rec = FrameRecorder.on(l.pipeline().getElementByName("out"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            List<FrameRecorder.Seen> f = rec.frames();
            assertEquals(40, f.size());
            long frameNs = 1_000_000_000L / 30;
            for (int i = 0; i < f.size(); i++) {
                assertEquals(i * 1_000_000_000L / 30, f.get(i).pts(), 1, "pts of frame " + i);
                assertTrue(Math.abs(frameNs - f.get(i).duration()) <= 1, "duration of frame " + i);
                assertTrue(f.get(i).meta().hasFrameMeta(), "frame meta on buffer " + i);
            }
            String expected = mode.equals("frame") ? "K".repeat(40) : "K....".repeat(8);
            assertEquals(expected, rec.keyPattern());
            DffElement dff = (DffElement) l.elements().get("dff0");
            assertEquals(40, dff.stats().frames());
        }
    }

    @Test
    void detectionsArriveAsRoiMetaWithNormalisedDetectionParams() throws Exception {
        try (PipelineLauncher l = launch(String.format(SRC, 6) + "dff model=TINY threshold=0 ! fakesink name=out")) {
            FrameRecorder rec = FrameRecorder.on(l.pipeline().getElementByName("out"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            for (FrameRecorder.Seen s : rec.frames()) {
                // threshold 0 keeps all of the tiny set's 20 candidates
                assertEquals(20, s.meta().detections().size());
                s.meta().detections().forEach(d -> {
                    assertTrue(d.label().startsWith("class_"), d.label());
                    assertTrue(d.confidence() >= 0 && d.confidence() <= 1);
                    assertTrue(d.box().x2() <= 160.0001 && d.box().y2() <= 120.0001 && d.box().x1() >= 0);
                });
            }
        }
    }

    @Test
    void thresholdOneLeavesNoDetectionsButFrameMeta() throws Exception {
        try (PipelineLauncher l = launch(String.format(SRC, 5) + "dff model=TINY threshold=1 ! fakesink name=out")) {
            FrameRecorder rec = FrameRecorder.on(l.pipeline().getElementByName("out"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            assertEquals(5, rec.frames().size());
            rec.frames().forEach(s -> assertTrue(s.meta().hasFrameMeta() && s.meta().detections().isEmpty()));
        }
    }

    @Test
    void twoInstancesInTeeBranches() throws Exception {
        try (PipelineLauncher l = launch(String.format(SRC, 20) + "tee name=t t. ! queue ! dff name=a model=TINY "
                + "key-interval=2 ! fakesink name=outa t. ! queue ! dff name=b model=TINY key-interval=7 ! "
                + "fakesink name=outb")) {
            FrameRecorder a = FrameRecorder.on(l.pipeline().getElementByName("outa"));
            FrameRecorder b = FrameRecorder.on(l.pipeline().getElementByName("outb"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            assertEquals("K.".repeat(10), a.keyPattern());
            // the second dff in the process is staggered: its first run is longer by phase 0.62 of 7 frames
            assertEquals("K..........K......K.", b.keyPattern());
            assertFalse(l.elements().get("a") == l.elements().get("b"));
            assertEquals(2, org.gstdff.model.SharedModelSets.users(TestModels.tiny()), "one loaded set, two users");
        }
        assertEquals(0, org.gstdff.model.SharedModelSets.users(TestModels.tiny()), "closed with the last user");
    }

    /** Each flow precision loads the set's flow network in its own session; both streams run. */
    @Test
    void flowPrecisionChoosesTheFlowNetworksSession() throws Exception {
        try (PipelineLauncher l = launch(String.format(SRC, 12) + "tee name=t t. ! queue ! dff name=a model=TINY "
                + "flow=model flow-precision=float32 key-interval=4 stagger-keys=false ! fakesink name=outa t. ! queue "
                + "! dff name=b model=TINY flow=model flow-precision=bfloat16 key-interval=4 stagger-keys=false ! "
                + "fakesink name=outb")) {
            FrameRecorder a = FrameRecorder.on(l.pipeline().getElementByName("outa"));
            FrameRecorder b = FrameRecorder.on(l.pipeline().getElementByName("outb"));
            DffElement da = (DffElement) l.elements().get("a");
            DffElement db = (DffElement) l.elements().get("b");
            da.prepare();
            db.prepare();
            assertEquals(2, org.gstdff.model.SharedModelSets.users(TestModels.tiny()));
            assertTrue(db.engine().models().describe().contains("flow random in bfloat16"),
                    db.engine().models().describe());
            assertFalse(da.engine().models().describe().contains("bfloat16"), da.engine().models().describe());
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            assertEquals("K...".repeat(3), a.keyPattern());
            assertEquals("K...".repeat(3), b.keyPattern());
        }
    }

    @Test
    void aModelSwapChangesOnlyTheElementThatAsked(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path other = org.gstdff.model.TinyModelSet.write(dir.resolve("other"), 5);
        try (PipelineLauncher l = launch(String.format(SRC.replace("videotestsrc", "videotestsrc is-live=true"), 90)
                + "tee name=t t. ! queue ! dff name=a model=TINY ! fakesink name=outa t. ! queue ! dff name=b "
                + "model=TINY ! fakesink name=outb")) {
            DffElement a = (DffElement) l.elements().get("a");
            DffElement b = (DffElement) l.elements().get("b");
            a.prepare();
            b.prepare();
            assertEquals(2, org.gstdff.model.SharedModelSets.users(TestModels.tiny()));
            a.setModel(other); // loaded and swapped in while b keeps the shared set
            assertEquals(1, org.gstdff.model.SharedModelSets.users(TestModels.tiny()));
            assertEquals(1, org.gstdff.model.SharedModelSets.users(other));
            assertTrue(b.engine().models().describe().contains(TestModels.tiny().toString()));
            assertTrue(a.engine().models().describe().contains(other.toString()));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
        }
        assertEquals(0, org.gstdff.model.SharedModelSets.users(other));
    }

    /** The key_reason of each JSON line, "-" where a frame is no key frame. */
    private static List<String> reasons(java.nio.file.Path jsonl) throws java.io.IOException {
        List<String> out = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(jsonl)) {
            java.util.Map<?, ?> dff = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) Json.parse(line)).get("dff");
            out.add(Boolean.TRUE.equals(dff.get("key_frame")) ? (String) dff.get("key_reason") : "-");
        }
        return out;
    }

    @Test
    void adaptivePolicyRunsAStillPictureAtTheLongestInterval(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path json = dir.resolve("still.jsonl");
        // a camera frame frozen: nothing for the adaptive check to see, however low the threshold (not smpte: its
        // corner has noise that changes every frame)
        try (PipelineLauncher l = launch("filesrc location=" + TestMedia.vtest() + " ! decodebin ! videoconvert ! "
                + "imagefreeze num-buffers=30 ! videoconvert ! video/x-raw,format=RGB ! dff model=TINY key-policy=adaptive key-interval=10 key-threshold=0.001 ! dffjson location=" + json
                + " ! fakesink name=out")) {
            FrameRecorder rec = FrameRecorder.on(l.pipeline().getElementByName("out"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            assertEquals("K.........".repeat(3), rec.keyPattern());
            assertEquals(KeyReason.START, rec.frames().get(0).meta().keyReason());
            assertEquals(KeyReason.INTERVAL, rec.frames().get(10).meta().keyReason());
            assertEquals(null, rec.frames().get(1).meta().keyReason());
            List<String> r = reasons(json);
            assertEquals(List.of("start", "interval", "interval"), List.of(r.get(0), r.get(10), r.get(20)));
            DffElement dff = (DffElement) l.elements().get("dff0");
            assertEquals(1, dff.stats().keyFrames(KeyReason.START));
            assertEquals(2, dff.stats().keyFrames(KeyReason.INTERVAL));
            assertEquals(0, dff.stats().keyFrames(KeyReason.ADAPTIVE));
            assertTrue(dff.summary().contains("3 key frames (start 1, interval 2)"), dff.summary());
        }
    }

    @Test
    void sceneCutsMakeKeyFramesAtOnce() throws Exception {
        // snow: every frame is new, a scene cut for the adaptive policy, whatever the minimum interval
        try (PipelineLauncher l = launch(String.format(SRC.replace("pattern=ball", "pattern=snow"), 8)
                + "dff model=TINY key-policy=adaptive key-interval=10 min-key-interval=5 ! fakesink name=out")) {
            FrameRecorder rec = FrameRecorder.on(l.pipeline().getElementByName("out"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            assertEquals("KKKKKKKK", rec.keyPattern());
            DffElement dff = (DffElement) l.elements().get("dff0");
            assertEquals(7, dff.stats().keyFrames(KeyReason.SCENE_CUT));
            dff.setProperty("key-policy", "fixed"); // changeable while playing or not
            assertEquals("fixed", dff.getProperty("key-policy"));
        }
    }
}
