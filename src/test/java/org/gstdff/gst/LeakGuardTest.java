package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.gstdff.TestModels;
import org.gstdff.model.OpenTensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * Tensors do not leak: while frames flow at most the key state plus one frame's worth are alive, and after the
 * element closes the count is back where it started. (Long runs: RSS figures in docs/RELIABILITY.md.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeakGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"dff", "frame", "hold"})
    void everyTensorIsClosed(String mode) throws Exception {
        long before = OpenTensors.count();
        long[] peak = {0};
        try (PipelineLauncher l = PipelineLauncher.build("videotestsrc num-buffers=400 pattern=ball ! "
                + "video/x-raw,format=RGB,width=160,height=120 ! dff name=d model=" + TestModels.tiny() + " mode=" + mode
                + " key-interval=7 ! fakesink")) {
            ((DffElement) l.elements().get("d")).addListener((e, pts, r) -> peak[0] = Math.max(peak[0],
                    OpenTensors.count() - before));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            assertTrue(peak[0] <= 3, "alive while running: key features + key image + at most one frame's; was "
                    + peak[0]);
        }
        assertEquals(before, OpenTensors.count(), "every frame image and feature map closed");
    }
}
