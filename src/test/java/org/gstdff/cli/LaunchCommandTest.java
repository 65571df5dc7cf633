package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.FileTrees;
import org.gstdff.core.Json;
import org.gstdff.TestModels;
import org.gstdff.model.TinyModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code dff launch} and {@code dff inspect} as users run them: exit codes, messages, outputs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LaunchCommandTest {

    @TempDir
    static Path tmp;
    static final Path tiny = TestModels.tiny();


    record Run(int code, String out, String err) {
    }

    static synchronized Run main(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static final String SRC = "videotestsrc num-buffers=12 ! video/x-raw,format=RGB,width=96,height=64,framerate=10/1 ! ";

    @Test
    void goodPipelineExitsZeroWithASummary() {
        Run r = main("launch", SRC + "dff model=" + tiny + " key-interval=4 ! fakesink");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("dff0: 12 frames, 3 key frames"), r.err());
        assertTrue(r.err().contains("Got EOS"), r.err());
    }

    @Test
    void unknownElementExitsTwo() {
        Run r = main("launch", "videotestsrc ! nosuchelement ! fakesink");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no element \"nosuchelement\""), r.err());
    }

    @Test
    void badPropertyValueExitsTwoNamingIt() {
        Run r = main("launch", SRC + "dff model=" + tiny + " key-interval=zero ! fakesink");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("property 'key-interval': expected an integer in [1, 10000], got 'zero'"), r.err());
        r = main("launch", SRC + "dff model=" + tiny + " speed=11 ! fakesink");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no property 'speed'"), r.err());
    }

    @Test
    void missingModelFolderExitsTwoNamingIt() {
        Path missing = tmp.resolve("no-such-model");
        Run r = main("launch", SRC + "dff model=" + missing + " ! fakesink");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("model set folder " + missing + " does not exist"), r.err());
    }

    @Test
    void modelWithWrongSignatureExitsTwoNamingTensor() throws IOException {
        Path bad = TinyModelSet.write(tmp.resolve("bad"), 5);
        // a feature SavedModel where the task model belongs: no 'feature' input in its signature
        FileTrees.delete(bad.resolve("task"));
        FileTrees.copy(bad.resolve("feature"), bad.resolve("task"));
        Run r = main("launch", SRC + "dff model=" + bad + " ! fakesink");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("task: signature 'serving_default' input 'feature' is missing"), r.err());
    }

    @Test
    void runtimeErrorExitsOneWithGStreamersMessage() {
        Path absent = tmp.resolve("absent.avi");
        Run r = main("launch", "filesrc name=src location=" + absent + " ! decodebin ! videoconvert ! dff model="
                + tiny + " ! fakesink");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("ERROR from src: Resource not found."), r.err());
        assertTrue(r.err().contains(absent.toString()), "names the file: " + r.err());
    }

    @Test
    void jsonLinesDescribeEveryFrame() throws IOException {
        Path json = tmp.resolve("out.jsonl");
        Run r = main("launch", SRC + "dff model=" + tiny + " key-interval=5 threshold=0 ! dffjson location=" + json
                + " ! fakesink");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(json);
        assertEquals(12, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.parse(lines.get(i));
            assertEquals(i * 100_000_000L, ((Number) m.get("timestamp")).longValue());
            assertEquals(Map.of("width", 96L, "height", 64L), m.get("resolution"));
            @SuppressWarnings("unchecked")
            Map<String, Object> dff = (Map<String, Object>) m.get("dff");
            assertEquals(i % 5 == 0, dff.get("key_frame"));
            assertEquals((long) (i % 5), dff.get("frames_since_key"));
            List<?> objects = (List<?>) m.get("objects");
            assertEquals(TinyModelSet.CANDIDATES, objects.size(), "threshold 0 keeps every candidate");
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) objects.get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> det = (Map<String, Object>) o.get("detection");
            @SuppressWarnings("unchecked")
            Map<String, Object> box = (Map<String, Object>) det.get("bounding_box");
            double xMin = ((Number) box.get("x_min")).doubleValue();
            assertEquals(Math.round(xMin * 96), ((Number) o.get("x")).longValue(), 1.0);
            assertTrue(TinyModelSet.LABELS.contains(det.get("label")));
            assertEquals(TinyModelSet.LABELS.indexOf(det.get("label")), ((Number) det.get("label_id")).intValue());
        }
    }

    @Test
    void inspectDescribesPropertiesLikeGstInspect() {
        Run r = main("inspect", "dff");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Element Properties:"));
        assertTrue(r.out().contains("key-interval        : Run the feature network every N frames"), r.out());
        assertTrue(r.out().contains("Integer. Range: 1 - 10000 Default: 10"), r.out());
        assertTrue(r.out().contains("Enum. One of: dff, frame, hold, track Default: \"dff\""), r.out());
        assertTrue(r.out().contains("format: { RGB, BGR, RGBx, BGRx, RGBA, BGRA }"), r.out());
        assertTrue(r.out().contains("live-policy") && r.out().contains("SINK template"), r.out());
        Run src = main("inspect", "dffsrc");
        assertTrue(src.out().contains("SRC template") && !src.out().contains("SINK template"), src.out());
        assertTrue(src.out().contains("max-retries"), src.out());
        assertEquals(1, main("inspect", "nosuch").code());
        assertTrue(main("inspect").out().contains("dffjson"));
    }
}
