package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.gstdff.TestModels;
import org.gstdff.engine.Mode;
import org.gstdff.model.ModelSetException;
import org.gstdff.model.TinyModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The element as Java applications use it: builder, listener, settings and model swaps while playing. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DffElementApiTest {

    @TempDir
    Path tmp;

    record Seen(long pts, boolean key, int detections, String model) {
    }

    /** videotestsrc (live, 30 fps) ! videoconvert ! dff ! fakesink, built in Java. */
    static Pipeline pipeline(DffElement dff, int buffers, CompletableFuture<String> end) {
        Pipeline p = new Pipeline();
        Element src = ElementFactory.make("videotestsrc", "src");
        src.set("num-buffers", buffers);
        src.set("is-live", true);
        Element caps = ElementFactory.make("capsfilter", "caps");
        caps.setCaps(org.freedesktop.gstreamer.Caps.fromString("video/x-raw,format=RGB,width=160,height=120,"
                + "framerate=30/1"));
        Element sink = ElementFactory.make("fakesink", "sink");
        p.addMany(src, caps, dff, sink);
        assertTrue(Element.linkMany(src, caps, dff, sink));
        p.getBus().connect((Bus.EOS) s -> end.complete("EOS"));
        p.getBus().connect((Bus.ERROR) (s, c, m) -> end.complete("ERROR " + m));
        return p;
    }

    @Test
    void builderListenerAndChangesWhilePlaying() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        DffElement dff = DffElement.builder().name("det").model(TestModels.tiny()).keyInterval(5).mode(Mode.DFF)
                .threshold(0).listener((e, pts, r) -> seen.add(new Seen(pts, r.keyFrame(), r.detections().size(),
                        e.engine().models().describe()))).build();
        CompletableFuture<String> end = new CompletableFuture<>();
        Pipeline p = pipeline(dff, 60, end);
        try {
            p.play();
            waitFor(seen, 10);
            dff.setThreshold(1.0); // nothing reaches 1.0: detections stop from the next frame on
            dff.setKeyInterval(2);
            waitFor(seen, 25);
            Path other = TinyModelSet.write(tmp.resolve("other"), 99);
            dff.setKeyInterval(50); // from here on, a key frame can only come from the swap
            waitFor(seen, seen.size() + 3);
            int before = seen.size();
            dff.setModel(other); // loads and checks on this thread, swaps between two frames
            int after = seen.size();
            ModelSetException bad = assertThrows(ModelSetException.class,
                    () -> dff.setModel(tmp.resolve("missing")));
            assertTrue(bad.getMessage().contains("does not exist"), bad.getMessage());
            assertEquals("EOS", end.get(60, TimeUnit.SECONDS));
            assertEquals(60, seen.size(), "every frame reached the listener");
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i).pts() > seen.get(i - 1).pts(), "in order");
            }
            assertEquals(20, seen.get(0).detections(), "threshold 0: every candidate");
            assertEquals(0, seen.get(seen.size() - 1).detections(), "threshold 1 applied while playing");
            // the frame in flight while setModel returned may still be the old model's; the next is the new one's
            int firstKey = -1;
            for (int i = before; i < seen.size(); i++) {
                if (seen.get(i).key()) {
                    firstKey = i;
                    break;
                }
            }
            assertTrue(firstKey >= before && firstKey <= after + 1, "a key frame starts the new model: " + firstKey
                    + " in [" + before + ", " + (after + 1) + "]");
            assertTrue(seen.get(seen.size() - 1).model().contains(other.toString()),
                    "the new model runs, and the failed swap kept it");
        } finally {
            p.setState(State.NULL);
            dff.close();
            p.dispose();
        }
    }

    @Test
    void builderRejectsBadSettingsByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DffElement.builder().keyInterval(0).build());
        assertTrue(e.getMessage().contains("key-interval"), e.getMessage());
    }

    static void waitFor(List<?> l, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (l.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + l.size() + " frames");
            }
            Thread.sleep(5);
        }
    }

}
