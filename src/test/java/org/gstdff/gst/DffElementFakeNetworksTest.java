package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Pipeline;
import org.gstdff.core.FrameResult;
import org.gstdff.engine.FakeModelSet;
import org.junit.jupiter.api.Test;

/** The element on fake networks (its model-set factory): what it runs when, and that it closes all it opened. */
class DffElementFakeNetworksTest {

    @Test
    void runsTheNetworksItIsGivenAndClosesThem() throws Exception {
        FakeModelSet fake = new FakeModelSet();
        AtomicReference<DffSettings> seen = new AtomicReference<>();
        List<FrameResult> results = new CopyOnWriteArrayList<>();
        DffElement dff = DffElement.builder().model(Path.of("fake")).keyInterval(3).modelSets((dir, s) -> {
            seen.set(s);
            return fake;
        }).listener((e, pts, r) -> results.add(r)).build();
        run(dff, 9);
        assertEquals(Path.of("fake"), seen.get().model(), "the factory got the element's settings");
        assertEquals(3, seen.get().keyInterval());
        assertEquals(9, results.size());
        assertEquals(3, fake.featureRuns.get(), "key frames 0, 3, 6");
        assertEquals(6, fake.flowRuns.get());
        for (int i = 0; i < 9; i++) {
            String label = results.get(i).detections().get(0).label();
            // the fake names a feature map by its frame and a warped one by the flow it went through (-> direct,
            // ~ a chain the engine composed)
            boolean warped = label.contains("->") || label.contains("~");
            assertTrue(label.startsWith("f") && warped == (i % 3 != 0), "frame " + i + ": " + label);
        }
        assertEquals(fake.opened.get(), fake.closed.get(), "every handle closed");
    }

    @Test
    void autoFlowPathChainsTheSetsNetworkOnlyWhereTheSetSaysItWasTrainedFrameToFrame() throws Exception {
        for (boolean chains : new boolean[] {false, true}) {
            FakeModelSet fake = new FakeModelSet();
            fake.chains = chains;
            List<FrameResult> results = new CopyOnWriteArrayList<>();
            DffElement dff = DffElement.builder().model(Path.of("fake")).keyInterval(4).modelSets((dir, s) -> fake)
                    .listener((e, pts, r) -> results.add(r)).build();
            dff.setProperty("flow", "model"); // flow-path stays auto
            run(dff, 4);
            String label = results.get(2).detections().get(0).label();
            // "~": a flow the engine composed from frame-to-frame steps; "->": one estimate to the key frame
            assertEquals(chains, label.contains("~"), "network chains: " + chains + ", frame 2: " + label);
        }
    }

    /** Plays {@code frames} test frames through the element, then stops and closes it. */
    private static void run(DffElement dff, int frames) throws Exception {
        Pipeline p = new Pipeline();
        Element src = ElementFactory.make("videotestsrc", null);
        src.set("num-buffers", frames);
        Element caps = ElementFactory.make("capsfilter", null);
        caps.setCaps(org.freedesktop.gstreamer.Caps.fromString("video/x-raw,format=RGB,width=64,height=48"));
        Element sink = ElementFactory.make("fakesink", null);
        p.addMany(src, caps, dff, sink);
        Bin.linkMany(src, caps, dff, sink);
        java.util.concurrent.CompletableFuture<String> end = new java.util.concurrent.CompletableFuture<>();
        p.getBus().connect((org.freedesktop.gstreamer.Bus.EOS) o -> end.complete("EOS"));
        p.getBus().connect((org.freedesktop.gstreamer.Bus.ERROR) (o, c, m) -> end.complete("ERROR " + m));
        try {
            p.play();
            assertEquals("EOS", end.get(30, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            p.stop();
            dff.close();
            p.dispose();
        }
    }
}
