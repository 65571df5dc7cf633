package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gstdff.TestModels;
import org.gstdff.core.Json;
import org.gstdff.gst.DffDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bugs a new user met (the "one room per concept" issue), each held by a test. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NewcomerBugsTest {

    @TempDir
    Path tmp;

    @Test
    void dffjsonDoesNotCreateFoldersAndSaysWhy() {
        Path missing = tmp.resolve("missing/dir");
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "videotestsrc num-buffers=3 ! videoconvert ! dff "
                + "model=" + TestModels.tiny() + " ! dffjson location=" + missing.resolve("x.jsonl") + " ! fakesink");
        assertNotEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("cannot open location '" + missing.resolve("x.jsonl") + "' for writing: no such "
                + "directory '" + missing + "'"), r.err());
        assertFalse(Files.exists(missing.getParent()), "no folder was created");
    }

    @Test
    void dffjsonOnAFolderSaysSo() {
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "videotestsrc num-buffers=3 ! videoconvert ! dff "
                + "model=" + TestModels.tiny() + " ! dffjson location=" + tmp + " ! fakesink");
        assertNotEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("it is a directory"), r.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void labelsThatDoNotMatchTheHeadAreRefused() throws IOException {
        // the default set with 3 labels for its 80 class channels, its networks linked, not copied
        Path set = DffDefaults.defaultModel();
        Path bad = tmp.resolve("three-labels");
        Files.createDirectories(bad);
        for (String part : List.of("feature", "flow", "task")) {
            Files.createSymbolicLink(bad.resolve(part), set.resolve(part).toAbsolutePath());
        }
        java.util.Map<String, Object> m = (java.util.Map<String, Object>) Json.parse(Files.readString(
                set.resolve("model.json")));
        m.put("labels", List.of("person", "bicycle", "car"));
        Files.writeString(bad.resolve("model.json"), Json.writePretty(m));
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "videotestsrc num-buffers=2 ! videoconvert ! "
                + "dff model=" + bad + " ! fakesink");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("the head has 80 class channels (decode.box_channel) but labels lists 3 names"),
                r.err());
    }

    @Test
    void sigtermFinishesOutputsLikeCtrlC() throws Exception {
        Path json = tmp.resolve("live.jsonl");
        String cp = "target/classes:" + Files.readString(Path.of("target/classpath.txt")).strip()
                + ":/usr/share/java/opencv.jar";
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dgstdff.home=" + Path.of("").toAbsolutePath(), "-cp", cp, "org.gstdff.cli.Main",
                "launch", "-e", "videotestsrc is-live=true ! video/x-raw,width=160,height=120,framerate=20/1 ! "
                        + "videoconvert ! dff model=" + TestModels.tiny() + " ! dffjson location=" + json
                        + " ! fakesink"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append(e);
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((!Files.exists(json) || Files.size(json) < 2000) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        p.toHandle().destroy(); // SIGTERM, as docker stop and systemd send (Process.destroy would close our pipe)
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ended after SIGTERM");
        reader.join(10_000);
        assertEquals(0, p.exitValue(), out.toString());
        assertTrue(out.toString().contains("SIGTERM: sending EOS"), out.toString());
        assertTrue(out.toString().contains("dff0: "), "the summary is printed: " + out);
        List<String> lines = Files.readAllLines(json);
        assertTrue(lines.size() > 5, "frames written: " + lines.size());
        for (String line : lines) {
            Json.parse(line); // every line whole: the file was finished, not cut
        }
        assertTrue(Files.readString(json).endsWith("\n"), "the last line is complete");
    }

    @Test
    void dffsrcNamesAMissingFile() {
        Path missing = tmp.resolve("no-such.avi");
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "dffsrc location=" + missing.toUri()
                + " ! videoconvert ! fakesink");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no such file '" + missing + "'"), r.err());
    }

    /** {@code ./dff launch} of vtest.avi through {@code element} straight into dff, with a 60 s limit. */
    private static LaunchCommandTest.Run vtestThrough(String element) {
        return LaunchCommandTest.main("launch", "--timeout", "60", "filesrc location="
                + Path.of(".cache/media/vtest.avi").toAbsolutePath() + " ! " + element + " ! dff model="
                + TestModels.tiny() + " ! fakesink");
    }

    @Test
    void decodebinIntoDffWithoutVideoconvertSaysWhatToInsert() {
        LaunchCommandTest.Run r = vtestThrough("decodebin");
        assertNotEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("dff0 got no input: the decoder's output was refused, dff0 accepts video/x-raw"),
                r.err());
        assertTrue(r.err().contains("insert videoconvert before it"), r.err());
        // said when decodebin has added its pads (GStreamer's delayed-link warning), naming what it offers
        assertTrue(java.util.regex.Pattern.compile("\\(decodebin\\d+ offers video/x-raw").matcher(r.err()).find(),
                r.err());
    }

    @Test
    void aDemuxersEncodedStreamIntoDffSaysToDecodeIt() {
        LaunchCommandTest.Run r = vtestThrough("avidemux");
        assertNotEquals(0, r.code(), r.err());
        assertTrue(java.util.regex.Pattern.compile("dff0 got no input: avidemux\\d+ offers video/x-").matcher(r.err())
                .find(), r.err());
        assertTrue(r.err().contains("insert decodebin ! videoconvert before it"), r.err());
        assertFalse(r.err().contains("no EOS within"), r.err());
    }

    @Test
    void tensorFlowsCudaRegistrationNoiseIsQuietAtLogLevelThree() throws Exception {
        String cp = "target/classes:" + Files.readString(Path.of("target/classpath.txt")).strip();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "org.gstdff.cli.Main", "make-tiny-model", tmp.resolve("tiny").toString())
                .redirectErrorStream(true);
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("wrote tiny model set"), out);
        assertFalse(out.contains("Unable to register"), out);
    }

    @Test
    void everyFrameFromDffsrcIsAccountedFor() {
        // a file played at its own rate, stopped by EOS after 3 s: frames in flight when it stops are counted
        LaunchCommandTest.Run r = LaunchCommandTest.main("launch", "-e", "--duration", "3", "dffsrc location="
                + Path.of(".cache/media/vtest.avi").toAbsolutePath().toUri() + " ! videoconvert ! dff model="
                + TestModels.tiny() + " ! fakesink");
        assertEquals(0, r.code(), r.err());
        java.util.regex.Matcher src = java.util.regex.Pattern.compile("dffsrc0: (\\d+) frames from").matcher(r.err());
        java.util.regex.Matcher dff = java.util.regex.Pattern.compile("dff0: (\\d+) frames,").matcher(r.err());
        java.util.regex.Matcher drop = java.util.regex.Pattern.compile("dff0: (\\d+) dropped").matcher(r.err());
        assertTrue(src.find() && dff.find() && drop.find(), r.err());
        long delivered = Long.parseLong(src.group(1));
        assertTrue(delivered > 10, r.err());
        assertEquals(delivered, Long.parseLong(dff.group(1)) + Long.parseLong(drop.group(1)),
                "dffsrc's frames are dff's processed and dropped ones: " + r.err());
    }
}
