package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gstdff.gst.DetectionTap;
import org.gstdff.gst.DffElement;
import org.gstdff.gst.PipelineLauncher;
import org.gstdff.model.TinyModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VideoSourceTest {

    @TempDir
    Path tmp;

    /** vtest.avi is 10 frames a second: frame i at i x 100 ms. */
    @Test
    void theFirstNFramesAreTheClipsFirstNAndNoOthers() throws Exception {
        Path tiny = TinyModelSet.write(tmp.resolve("tiny"), 3);
        for (int n : new int[] {10, 31}) {
            String desc = VideoSource.rgb(Path.of(".cache/media/vtest.avi").toAbsolutePath(), n)
                    + "dff name=d mode=hold model=\"" + tiny + "\" ! fakesink";
            try (PipelineLauncher l = PipelineLauncher.build(desc)) {
                DetectionTap tap = DetectionTap.on((DffElement) l.elements().get("d"));
                assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
                List<Long> ts = tap.timestamps();
                // GStreamer's identity alone let one or more later frames through after the first n (EosAfterCut)
                assertEquals(n, ts.size(), n + " frames asked for: " + ts);
                for (int i = 0; i < n; i++) {
                    assertEquals(i * 100_000_000L, ts.get(i), "frame " + i + " of " + n + ": " + ts);
                }
            }
        }
    }

    @Test
    void runsAreComparedUpToTheFirstFrameWhoseTimestampDiffers() {
        assertEquals(3, EvalCommand.sameFrames(List.of(0L, 100L, 200L, 9_800L), List.of(0L, 100L, 200L, 21_500L)));
        assertEquals(2, EvalCommand.sameFrames(List.of(0L, 100L), List.of(0L, 100L, 200L)));
        assertEquals(0, EvalCommand.sameFrames(List.of(5L), List.of(0L)));
        assertEquals(0, EvalCommand.sameFrames(List.of(), List.of(0L)));
    }
}
