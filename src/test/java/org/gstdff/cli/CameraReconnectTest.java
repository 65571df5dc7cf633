package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.gstdff.TestModels;
import org.gstdff.gst.DffElement;
import org.gstdff.gst.PipelineLauncher;
import org.gstdff.gst.ReconnectingSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** dffsrc against a real loopback RTSP server that is stopped and started again during the run. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CameraReconnectTest {

    record Seen(long nanos, boolean key) {
    }

    @Test
    void recoversWhenTheCameraComesBackAndRestartsWithAKeyFrame() throws Exception {
        int port = RtspTestServer.freePort();
        RtspTestServer server = new RtspTestServer(null, port);
        List<Seen> seen = new CopyOnWriteArrayList<>();
        String desc = "dffsrc name=cam location=rtsp://127.0.0.1:" + port + "/test timeout=1.5 retry-delay=0.5 "
                + "latency=100 ! videoconvert ! dff name=d model=\"" + TestModels.tiny() + "\" key-interval=1000 "
                + "! fakesink sync=false";
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            ((DffElement) l.elements().get("d")).addListener((e, pts, r) -> seen.add(new Seen(System.nanoTime(),
                    r.keyFrame())));
            ReconnectingSource cam = (ReconnectingSource) l.elements().get("cam");
            l.play();
            waitFor(() -> seen.size() >= 20, 20, "first frames");
            server.close(); // the camera goes away
            long stopped = System.nanoTime();
            waitFor(() -> cam.reconnects() >= 1, 15, "the watchdog noticing the drop");
            int before = seen.size();
            server = new RtspTestServer(null, port); // and comes back on the same address
            waitFor(() -> seen.size() >= before + 20, 30, "frames after the camera came back");
            l.sendEos();
            assertEquals(PipelineLauncher.Outcome.EOS, l.await(15_000), String.valueOf(l.error()));
            assertTrue(cam.reconnects() >= 1);
            // the first frame after the gap is a key frame; with key-interval=1000 only a restart makes one
            Seen firstAfter = seen.stream().filter(s -> s.nanos() > stopped + 500_000_000L).findFirst().orElseThrow();
            assertTrue(firstAfter.key(), "first frame after reconnecting is a key frame");
            assertEquals(2, seen.stream().filter(Seen::key).count(), "key frames: the start and the reconnection");
        } finally {
            server.close();
        }
    }

    @Test
    void unreachableCameraEndsWithAClearErrorAfterItsRetries() throws Exception {
        int port = RtspTestServer.freePort(); // nothing listens there
        String desc = "dffsrc name=cam location=rtsp://127.0.0.1:" + port + "/none timeout=1 retry-delay=0.2 "
                + "max-retries=1 ! videoconvert ! fakesink";
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            l.play();
            assertEquals(PipelineLauncher.Outcome.ERROR, l.await(30_000));
            assertTrue(l.error().contains("gave up after 2 attempts") && l.error().contains("127.0.0.1:" + port),
                    l.error());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond, int seconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
