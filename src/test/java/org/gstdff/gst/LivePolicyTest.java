package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Structure;
import org.freedesktop.gstreamer.message.MessageType;
import org.gstdff.TestModels;
import org.gstdff.core.FrameResult;
import org.gstdff.engine.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A live 30 fps source into a dff that manages ~12 fps (a listener on the streaming thread takes 80 ms per frame):
 * {@code block} loses nothing and falls behind; {@code drop} and {@code propagate} keep lateness bounded and count
 * what they drop.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LivePolicyTest {

    private static final int FRAMES = 90; // 3 s of capture
    private static final long SLOW_MS = 80;

    record Run(List<FrameResult> results, DffElement.Stats stats, List<Structure> messages) {
    }

    private static Run run(String policy, Mode mode, int keyInterval) throws Exception {
        List<FrameResult> results = new CopyOnWriteArrayList<>();
        List<Long> pts = new CopyOnWriteArrayList<>();
        DffElement dff = DffElement.builder().model(TestModels.tiny()).mode(mode).keyInterval(keyInterval)
                .livePolicy(policy).maxQueue(2).listener((e, p, r) -> {
                    results.add(r);
                    pts.add(p);
                    try {
                        Thread.sleep(SLOW_MS);
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }).build();
        dff.setProperty("stats-interval", "0.5");
        CompletableFuture<String> end = new CompletableFuture<>();
        Pipeline p = DffElementApiTest.pipeline(dff, FRAMES, end);
        List<Structure> messages = new CopyOnWriteArrayList<>();
        p.getBus().connect((Bus.MESSAGE) (b, m) -> {
            if (m.getType() == MessageType.ELEMENT && m.getStructure().getName().equals("dff-stats")) {
                messages.add(m.getStructure());
            }
        });
        try {
            p.play();
            assertEquals("EOS", end.get(60, TimeUnit.SECONDS));
        } finally {
            p.stop();
            dff.close();
            p.dispose();
        }
        for (int i = 1; i < pts.size(); i++) {
            assertTrue(pts.get(i) > pts.get(i - 1), "frames leave in order");
        }
        return new Run(results, dff.stats(), messages);
    }

    @Test
    void blockLosesNothingAndFallsBehind() throws Exception {
        Run r = run("block", Mode.FRAME, 1);
        assertEquals(FRAMES, r.results().size());
        assertEquals(0, r.stats().dropped());
        // 90 frames x 80 ms = 7.2 s of work for 3 s of capture: the last frames leave seconds after capture
        assertTrue(r.stats().lateness().maxMs() > 2000, "lateness " + r.stats().lateness());
        assertTrue(r.messages().size() >= 2, "dff-stats messages: " + r.messages().size());
    }

    @Test
    void dropKeepsLatenessBoundedAndCountsDrops() throws Exception {
        Run r = run("drop", Mode.FRAME, 1);
        assertTrue(r.results().size() < FRAMES * 0.8, "processed " + r.results().size());
        assertEquals(FRAMES, r.results().size() + r.stats().dropped(), "every frame processed or counted dropped");
        // at most max-queue frames wait, each 80 ms, plus the one being processed and scheduling slack
        assertTrue(r.stats().lateness().maxMs() < 600, "lateness " + r.stats().lateness());
        Structure last = r.messages().get(r.messages().size() - 1);
        assertTrue(last.getValue("dropped") instanceof Number n && n.longValue() > 0, last.toString());
    }

    @Test
    void propagatePostponesKeyFramesWhileBehind() throws Exception {
        Run r = run("propagate", Mode.DFF, 3);
        int maxSinceKey = r.results().stream().mapToInt(FrameResult::framesSinceKey).max().orElse(-1);
        assertTrue(maxSinceKey > 2 && maxSinceKey <= 5, "key frames postponed up to 2 x interval: " + maxSinceKey);
        assertTrue(r.stats().lateness().maxMs() < 600, "lateness " + r.stats().lateness());
        assertEquals(FRAMES, r.results().size() + r.stats().dropped());
    }
}
