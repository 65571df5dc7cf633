package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.freedesktop.gstreamer.Format;
import org.freedesktop.gstreamer.event.SeekFlags;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.gstdff.TestModels;
import org.gstdff.core.KeyFrameScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** dff against real streams: a decoded file, EOS, flushing seeks, state changes, settings changed while playing. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DffElementStreamTest {

    static final String VTEST = "filesrc location=%s ! decodebin ! videoconvert ! videoscale ! "
            + "video/x-raw,format=RGB,width=192,height=144 ! ";

    static PipelineLauncher launch(String desc) {
        return PipelineLauncher.build(desc.replace("TINY", TestModels.tiny().toString())
                .replace("VTEST", String.format(VTEST, TestMedia.vtest())));
    }

    static List<Long> pts(FrameRecorder r) {
        List<Long> out = new ArrayList<>();
        r.frames().forEach(s -> out.add(s.pts()));
        return out;
    }

    static List<Long> decoderTimestamps;

    static synchronized List<Long> decoderTimestamps() throws Exception {
        if (decoderTimestamps == null) {
            try (PipelineLauncher l = launch("VTEST fakesink name=out")) {
                FrameRecorder r = FrameRecorder.on(l.pipeline().getElementByName("out"));
                assertEquals(PipelineLauncher.Outcome.EOS, l.run(100_000, null), l.error());
                decoderTimestamps = pts(r);
            }
        }
        return decoderTimestamps;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dff", "frame", "hold"})
    void decodedFilePassesEveryFrameWithTheDecodersTimestamps(String mode) throws Exception {
        List<Long> reference = decoderTimestamps();
        assertEquals(795, reference.size(), "vtest.avi has 795 frames");
        try (PipelineLauncher l = launch("VTEST dff model=TINY key-interval=10 mode=" + mode + " ! fakesink name=out")) {
            FrameRecorder r = FrameRecorder.on(l.pipeline().getElementByName("out"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(100_000, null), l.error());
            assertEquals(reference, pts(r));
            String keys = r.keyPattern();
            assertEquals(mode.equals("frame") ? 795 : 80, keys.chars().filter(c -> c == 'K').count());
            assertTrue(keys.startsWith(mode.equals("frame") ? "KKK" : "K.........K"));
        }
    }

    @Test
    void keyIntervalChangeWhilePlayingTakesEffectAtTheNextFrame() throws Exception {
        try (PipelineLauncher l = launch(DffElementTest.SRC.formatted(30) + "dff name=d model=TINY key-interval=5 ! "
                + "fakesink name=out")) {
            DffElement d = (DffElement) l.elements().get("d");
            AtomicInteger seen = new AtomicInteger();
            // from the listener, on the thread that processes frames (dff queues frames, so a probe on its sink
            // pad runs ahead of processing): after frame 11 is done, before frame 12 starts
            d.addListener((e, pts, res) -> {
                if (seen.getAndIncrement() == 11) {
                    d.setKeyInterval(3);
                }
            });
            FrameRecorder r = FrameRecorder.on(l.pipeline().getElementByName("out"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
            KeyFrameScheduler s = new KeyFrameScheduler(5);
            StringBuilder want = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                if (i == 12) {
                    s.setInterval(3);
                }
                want.append(s.next(false).keyFrame() ? 'K' : '.');
            }
            assertEquals(want.toString(), r.keyPattern());
            assertEquals("K....K....K..K..K..K..K..K..K.", want.toString());
        }
    }

    @Test
    void eosSentToARunningPipelineEndsItCleanly() throws Exception {
        try (PipelineLauncher l = launch("videotestsrc is-live=true ! video/x-raw,format=RGB,width=160,height=120,"
                + "framerate=30/1 ! dff model=TINY ! fakesink name=out")) {
            FrameRecorder r = FrameRecorder.on(l.pipeline().getElementByName("out"));
            l.play();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (r.frames().size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            l.sendEos();
            assertEquals(PipelineLauncher.Outcome.EOS, l.await(20_000), l.error());
            assertTrue(r.frames().size() >= 10);
        }
    }

    @Test
    void flushingSeekFromPausedRestartsWithAKeyFrameAtTheSeekPosition() throws Exception {
        try (PipelineLauncher l = launch("VTEST dff model=TINY key-interval=10 ! fakesink name=out sync=false")) {
            FrameRecorder r = FrameRecorder.on(l.pipeline().getElementByName("out"));
            assertEquals(StateChangeReturn.ASYNC, l.pipeline().pause());
            assertEquals(State.PAUSED, l.pipeline().getState(30, TimeUnit.SECONDS), "prerolls through dff");
            assertEquals(1, r.frames().size(), "exactly the preroll frame");
            // appsrc knows no duration: dff answers duration queries from upstream
            assertEquals(79.5, l.pipeline().queryDuration(Format.TIME) / 1e9, 0.2);
            long target = 60_000_000_000L; // 60 s of the 79.5 s clip
            assertTrue(l.pipeline().seekSimple(Format.TIME, EnumSet.of(SeekFlags.FLUSH, SeekFlags.ACCURATE), target));
            assertEquals(State.PAUSED, l.pipeline().getState(30, TimeUnit.SECONDS));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(100_000, null), l.error());
            List<FrameRecorder.Seen> f = r.frames();
            FrameRecorder.Seen first = f.get(1);
            assertEquals(target, first.pts(), 100_000_000L, "first frame after the seek");
            assertTrue(first.meta().keyFrame(), "a flush restarts with a key frame");
            int after = f.size() - 1;
            assertEquals(195, after, 2, "frames from 60 s to the end of 79.5 s at 10 fps");
            for (int i = 2; i < f.size(); i++) {
                assertTrue(f.get(i).pts() > f.get(i - 1).pts(), "increasing timestamps after the seek");
            }
        }
    }

    @Test
    void survivesPauseResumeAndRestartFromNull() throws Exception {
        try (PipelineLauncher l = launch("videotestsrc is-live=true ! video/x-raw,format=RGB,width=160,height=120,"
                + "framerate=30/1 ! dff name=d model=TINY key-interval=4 ! fakesink name=out")) {
            FrameRecorder r = FrameRecorder.on(l.pipeline().getElementByName("out"));
            l.play();
            waitFrames(r, 8);
            l.pipeline().pause();
            l.pipeline().getState(10, TimeUnit.SECONDS);
            int paused = r.frames().size();
            Thread.sleep(300);
            assertTrue(r.frames().size() <= paused + 1, "no frames while paused");
            l.pipeline().play();
            waitFrames(r, paused + 8);
            l.pipeline().setState(State.NULL);
            int beforeRestart = r.frames().size();
            l.pipeline().play();
            waitFrames(r, beforeRestart + 8);
            FrameRecorder.Seen firstAfterRestart = r.frames().get(beforeRestart);
            assertTrue(firstAfterRestart.meta().keyFrame(), "restart from NULL begins with a key frame");
            assertEquals(0, firstAfterRestart.pts(), 50_000_000L, "timestamps start again");
            l.sendEos();
            assertEquals(PipelineLauncher.Outcome.EOS, l.await(20_000), l.error());
        }
    }

    static void waitFrames(FrameRecorder r, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (r.frames().size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + r.frames().size() + " of " + n + " frames arrived");
            }
            Thread.sleep(10);
        }
    }
}
