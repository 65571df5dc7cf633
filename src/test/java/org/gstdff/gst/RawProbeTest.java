package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.freedesktop.gstreamer.Element;
import org.junit.jupiter.api.Test;

class RawProbeTest {

    @Test
    void anExceptionInAProbeIsABusErrorNotASilentDrop() throws Exception {
        try (PipelineLauncher l = PipelineLauncher.build("videotestsrc num-buffers=5 ! identity name=id ! "
                + "fakesink name=out")) {
            Element id = l.pipeline().getElementByName("id");
            AtomicInteger calls = new AtomicInteger();
            GstNative.ProbeCallback keep = RawProbe.add(id.getStaticPad("src"), RawProbe.BUFFER, (type, buffer) -> {
                if (calls.incrementAndGet() == 3) {
                    throw new IllegalStateException("boom on the third buffer");
                }
                return RawProbe.OK;
            });
            assertEquals(PipelineLauncher.Outcome.ERROR, l.run(30_000, null), "the failure stops the pipeline");
            assertTrue(l.error().contains("ERROR from id: internal error while handling a buffer or event: "
                    + "java.lang.IllegalStateException: boom on the third buffer"), l.error());
            assertTrue(keep != null && calls.get() >= 3);
        }
    }
}
