package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.gstdff.TestModels;
import org.gstdff.model.TinyModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input of every kind ends with a clear message and the right exit status, never a hang or a crash. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputTest {

    @TempDir
    static Path tmp;
    static final Path tiny = TestModels.tiny();


    @ParameterizedTest
    @CsvSource({"1,1,RGB", "2,2,RGB", "3,5,RGB", "321,241,RGB", "321,241,BGRx", "7,3,BGR", "1920,2,RGBA"})
    void tinyOddAndPaddedFramesWork(int w, int h, String format) {
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "videotestsrc num-buffers=6 ! video/x-raw,format="
                + format + ",width=" + w + ",height=" + h + " ! dff model=" + tiny + " threshold=0 key-interval=3 ! "
                + "dffoverlay ! fakesink");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("dff0: 6 frames, 2 key frames"), r.err());
    }

    @Test
    void unsupportedCapsFailNegotiationClearly() {
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "videotestsrc num-buffers=3 ! "
                + "video/x-raw,format=GRAY8 ! dff model=" + tiny + " ! fakesink");
        assertEquals(2, r.code(), "refused when the pipeline is built, before anything plays");
        assertTrue(r.err().contains("dff0: the element before it offers video/x-raw, format=(string)GRAY8"), r.err());
        assertTrue(r.err().contains("insert videoconvert before it"), r.err());
    }

    @Test
    void aDecoderLevelTheWidthsDoNotHaveIsRefusedNamingTheOption() {
        LaunchCommandTest.Run r = LaunchCommandTest.main("train-flow", "--widths", "8,16,32", "--finest-level", "3",
                "--synthetic-steps", "1", "--out", tmp.resolve("net").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--finest-level is one of the encoder levels --widths gives (0-2 for 3 widths), "
                + "got 3"), r.err());
    }

    @Test
    void refinementStepsTheNetworkCannotUseAreRefusedNamingTheOption() {
        LaunchCommandTest.Run r = LaunchCommandTest.main("train-flow", "--refine-steps", "0", "--synthetic-steps",
                "1", "--out", tmp.resolve("net").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--refine-steps must be >= 1"), r.err());
        r = LaunchCommandTest.main("train-flow", "--chain-refined", "--chain-steps", "0", "--synthetic-steps", "1",
                "--out", tmp.resolve("net").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--chain-refined trains the chain phase through the steps, but --chain-steps is "
                + "0"), r.err());
    }

    @Test
    void syntheticMotionBeyondTheCropsMarginAndANegativeAnchorOrAverageAreRefusedNamingTheOption() {
        for (String[] bad : new String[][] {{"--background-speed", "33"}, {"--background-speed", "-1"},
                {"--piece-speed", "-2"}}) {
            LaunchCommandTest.Run r = LaunchCommandTest.main("train-flow", bad[0], bad[1], "--synthetic-steps", "1",
                    "--out", tmp.resolve("net").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--background-speed must be 0-32 px (the background crops' margin) and "
                    + "--piece-speed >= 0"), r.err());
        }
        for (String option : new String[] {"--chain-anchor", "--chain-average"}) {
            LaunchCommandTest.Run r = LaunchCommandTest.main("train-flow", option, "-1", "--synthetic-steps", "1",
                    "--out", tmp.resolve("net").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("step counts (and --chain-anchor, --chain-average) >= 0"), r.err());
        }
        LaunchCommandTest.Run r = LaunchCommandTest.main("train-flow", "--chain-average", "500", "--chain-steps", "0",
                "--synthetic-steps", "1", "--out", tmp.resolve("net").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--chain-average averages the chain phase's last steps, but --chain-steps is 0"),
                r.err());
    }

    @Test
    void truncatedVideoEndsCleanly() throws IOException {
        byte[] all = Files.readAllBytes(Path.of(".cache/media/vtest.avi"));
        Path cut = tmp.resolve("truncated.avi");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "--timeout", "60", "filesrc location=" + cut
                + " ! decodebin ! videoconvert ! dff model=" + tiny + " ! fakesink");
        // GStreamer decodes what is there and stops at the cut: EOS, or an error naming the demuxer; never a hang
        assertTrue(r.code() == 0 || r.code() == 1 && r.err().contains("ERROR from"), r.code() + " " + r.err());
        assertTrue(r.err().matches("(?s).*dff0: [1-9]\\d* frames.*"), "frames before the cut went through: " + r.err());
    }

    @Test
    void corruptVideoIsAnError() throws IOException {
        byte[] junk = new byte[200_000];
        new Random(1).nextBytes(junk);
        Path bad = tmp.resolve("junk.avi");
        Files.write(bad, junk);
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "--timeout", "60", "filesrc location=" + bad
                + " ! decodebin ! videoconvert ! dff model=" + tiny + " ! fakesink");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("ERROR from"), r.err());
    }

    @Test
    void unreachableRtspUrlIsAnError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "--timeout", "60", "rtspsrc location=rtsp://127.0.0.1:"
                + port + "/none protocols=tcp ! decodebin ! videoconvert ! dff model=" + tiny + " ! fakesink");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("ERROR from") && r.err().contains("127.0.0.1:" + port), r.err());
    }

    @Test
    void corruptModelFileIsNamed() throws IOException {
        Path bad = TinyModelSet.write(tmp.resolve("corrupt"), 4);
        Files.write(bad.resolve("task/saved_model.pb"), new byte[] {1, 2, 3, 4, 5});
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "videotestsrc num-buffers=2 ! videoconvert ! "
                + "dff model=" + bad + " ! fakesink");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot load SavedModel " + bad.resolve("task")), r.err());
    }

    @Test
    void corruptManifestIsNamed() throws IOException {
        Path bad = TinyModelSet.write(tmp.resolve("manifest"), 4);
        Files.writeString(bad.resolve("model.json"), "{\"format\": \"gst-dff-model-set/1\", \"name\": ");
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "videotestsrc num-buffers=2 ! videoconvert ! "
                + "dff model=" + bad + " ! fakesink");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad.resolve("model.json") + ": invalid JSON"), r.err());
    }
}
