package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gstdff.TestModels;
import org.gstdff.core.Detection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Detections read after videoconvert and videoscale equal those read right after dff (boxes rescaled). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetaThroughTransformsTest {

    @Test
    void detectionsSurviveConvertAndScale(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path json = tmp.resolve("after.jsonl");
        try (PipelineLauncher l = PipelineLauncher.build("videotestsrc num-buffers=4 pattern=ball ! "
                + "video/x-raw,format=RGB,width=320,height=240 ! dff model=" + TestModels.tiny() + " threshold=0 ! "
                + "identity name=direct ! videoconvert ! video/x-raw,format=I420 ! videoscale ! "
                + "video/x-raw,width=160,height=120 ! identity name=after ! dffjson name=json location=" + json
                + " ! fakesink")) {
            FrameRecorder direct = FrameRecorder.on(l.pipeline().getElementByName("direct"));
            FrameRecorder after = FrameRecorder.on(l.pipeline().getElementByName("after"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(30_000, null), l.error());
            assertEquals(4, after.frames().size());
            List<String> lines = java.nio.file.Files.readAllLines(json);
            assertEquals(4, lines.size());
            java.util.Map<?, ?> first = (java.util.Map<?, ?>) org.gstdff.core.Json.parse(lines.get(0));
            assertEquals(java.util.Map.of("width", 160L, "height", 120L), first.get("resolution"), lines.get(0));
            Object label = ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) ((List<?>) first.get("objects")).get(0))
                    .get("detection")).get("label");
            assertTrue(label.toString().startsWith("class_"), "labels in JSON after videoconvert: " + lines.get(0));
            for (int f = 0; f < 4; f++) {
                FrameRecorder.Seen a = direct.frames().get(f);
                FrameRecorder.Seen b = after.frames().get(f);
                assertEquals(a.meta().keyFrame(), b.meta().keyFrame());
                List<Detection> da = a.meta().detections();
                List<Detection> db = b.meta().detections();
                assertEquals(da.size(), db.size());
                assertTrue(da.size() > 0);
                for (int i = 0; i < da.size(); i++) {
                    assertEquals(da.get(i).label(), db.get(i).label(), "label kept through videoconvert");
                    assertEquals(da.get(i).confidence(), db.get(i).confidence(), 1e-6, "score kept");
                    assertEquals(da.get(i).box().x1() / 2, db.get(i).box().x1(), 1e-3, "box follows the scale");
                    assertEquals(da.get(i).box().y2() / 2, db.get(i).box().y2(), 1e-3);
                }
            }
        }
    }
}
