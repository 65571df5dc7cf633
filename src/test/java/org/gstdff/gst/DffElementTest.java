package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.gstdff.TestModels;
import org.junit.jupiter.api.Test;
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
            assertEquals("K......K......K.....", b.keyPattern());
            assertFalse(l.elements().get("a") == l.elements().get("b"));
        }
    }
}
