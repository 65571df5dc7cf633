package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Built from Java without the launcher, dff reports problems as ERROR messages on the pipeline's bus. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DffElementErrorTest {

    @Test
    void missingModelBecomesABusErrorNamingTheFolder() throws Exception {
        GstRuntime.init();
        Pipeline p = new Pipeline();
        Element src = ElementFactory.make("videotestsrc", "src");
        src.set("num-buffers", 5);
        Element convert = ElementFactory.make("videoconvert", "convert");
        DffElement dff = new DffElement("det");
        Path missing = Path.of("/nonexistent/model-set");
        dff.setModel(missing);
        Element sink = ElementFactory.make("fakesink", "sink");
        p.addMany(src, convert, dff, sink);
        assertTrue(Element.linkMany(src, convert, dff, sink));
        CompletableFuture<String> error = new CompletableFuture<>();
        p.getBus().connect((Bus.ERROR) (source, code, message) -> error.complete(source.getName() + ": " + message));
        p.getBus().connect((Bus.EOS) source -> error.complete("EOS"));
        try {
            p.play();
            String m = error.get(30, TimeUnit.SECONDS);
            assertTrue(m.startsWith("det: failed to load model: model set folder " + missing), m);
        } finally {
            p.setState(State.NULL);
            dff.close();
            p.dispose();
        }
    }
}
