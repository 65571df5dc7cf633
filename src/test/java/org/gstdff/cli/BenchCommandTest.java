package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.Json;
import org.gstdff.model.TinyModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BenchCommandTest {

    @TempDir
    Path tmp;

    private static final String VTEST = Path.of(".cache/media/vtest.avi").toAbsolutePath().toString();

    /** {@code dff bench} on vtest.avi with the tiny set, writing to {@code out}. */
    private LaunchCommandTest.Run bench(Path out, String... args) throws Exception {
        Path tiny = TinyModelSet.write(tmp.resolve("tiny"), 3);
        List<String> all = new java.util.ArrayList<>(List.of("bench", VTEST, "--model", tiny.toString(), "--out",
                out.toString()));
        all.addAll(List.of(args));
        return LaunchCommandTest.main(all.toArray(String[]::new));
    }

    @Test
    @SuppressWarnings("unchecked")
    void warmsEachConfigurationUpThenMeasuresEveryOneOverTheSameFrames() throws Exception {
        Path out = tmp.resolve("bench");
        LaunchCommandTest.Run r = bench(out, "--frames", "12", "--intervals", "4,6", "--modes", "dff,hold",
                "--flows", "dis:ultrafast:128", "--warm-up", "5");
        assertEquals(0, r.code(), r.err());
        // one warm-up each for frame, dff and hold, at the first interval; none is measured
        for (String props : List.of("mode=frame", "mode=dff flow=dis dis-preset=ultrafast dis-width=128",
                "mode=hold")) {
            assertTrue(r.err().contains("warming up: " + props), props + " in " + r.err());
        }
        assertEquals(3, r.err().split("warming up: ", -1).length - 1, r.err());
        Map<String, Object> report = (Map<String, Object>) Json.parse(Files.readString(out.resolve("bench.json")));
        assertEquals(5L, report.get("warm_up_frames"));
        List<Object> runs = (List<Object>) report.get("runs");
        assertEquals(5, runs.size(), "frame, then dff and hold at each interval: " + runs);
        for (Object o : runs) {
            Map<String, Object> run = (Map<String, Object>) o;
            assertEquals(12L, ((Number) run.get("frames")).longValue(), "each measured run has the clip's first 12 "
                    + "frames, not the warm-up's 5 nor frames from later in the clip: " + run);
        }
        assertTrue(r.out().contains("dff dis:ultrafast:128 l=6"), r.out());
        assertTrue(Files.size(out.resolve("bench.png")) > 1000, "throughput chart");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theStreamsBenchRunsTheFirstModeAndFlowAndWarmsOneStreamUpFirst() throws Exception {
        Path out = tmp.resolve("streams");
        LaunchCommandTest.Run r = bench(out, "--streams", "1,2", "--frames", "8", "--intervals", "4,6", "--modes",
                "track,dff", "--flows", "dis:ultrafast:128,model", "--warm-up", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warming up: mode=track flow=dis dis-preset=ultrafast dis-width=128"), r.err());
        int firstRun = r.err().indexOf(" streams, ");
        assertTrue(firstRun > r.err().indexOf("warming up"), "the warm-up before the streams: " + r.err());
        List<Object> rows = (List<Object>) Json.parse(Files.readString(out.resolve("streams.json")));
        assertEquals(4, rows.size(), "1 and 2 streams, staggered and not: " + rows);
        for (Object o : rows) {
            Map<String, Object> row = (Map<String, Object>) o;
            assertEquals("track dis:ultrafast:128", row.get("run"), "the first of --modes and --flows: " + row);
            assertTrue(((String) row.get("properties")).contains("dis-width=128"), row.toString());
            assertEquals(4.0, ((Number) row.get("key_interval")).doubleValue(), row.toString());
        }
        assertTrue(r.out().contains("track dis:ultrafast:128"), r.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void sideBySideTimesEveryFlowOnEveryNonKeyFrameOfOneRun() throws Exception {
        Path out = tmp.resolve("side");
        LaunchCommandTest.Run r = bench(out, "--side-by-side", "--frames", "12", "--intervals", "4", "--modes",
                "dff,hold", "--flows", "model:chain,dis:ultrafast:128", "--warm-up", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warming up: dff side by side over 3 frames"), r.err());
        assertTrue(r.err().contains("timed side by side with dis:ultrafast:128"), "the model line says so: "
                + r.err());
        Map<String, Object> report = (Map<String, Object>) Json.parse(Files.readString(
                out.resolve("side_by_side.json")));
        List<Object> rows = (List<Object>) report.get("side_by_side");
        assertEquals(2, rows.size(), "dff at l=4, one row a flow (hold has no flow): " + rows);
        for (Object o : rows) {
            Map<String, Object> row = (Map<String, Object>) o;
            // 12 frames at l=4: key frames 0, 4 and 8, each flow on the 9 others
            assertEquals(9L, ((Number) row.get("calls")).longValue(), "" + row);
            assertTrue(((Number) row.get("median_ms")).doubleValue() > 0, "" + row);
            List<Object> ci = (List<Object>) row.get("minus_first_ci95_ms");
            double d = ((Number) row.get("minus_first_median_ms")).doubleValue();
            assertTrue(((Number) ci.get(0)).doubleValue() <= d && d <= ((Number) ci.get(1)).doubleValue(), "" + row);
        }
        Map<String, Object> first = (Map<String, Object>) rows.get(0);
        assertEquals("model:chain", first.get("flow"));
        assertEquals(0.0, ((Number) first.get("minus_first_median_ms")).doubleValue());
        assertEquals("dis:ultrafast:128", ((Map<String, Object>) rows.get(1)).get("flow"));
        assertTrue(r.out().contains("dis:ultrafast:128") && r.out().contains("(95% CI)"), r.out());
    }

    @Test
    void sideBySideRefusesWhatItCannotCompare() throws Exception {
        LaunchCommandTest.Run r = bench(tmp.resolve("one"), "--side-by-side", "--flows", "model");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--side-by-side compares two flows or more"), r.err());
        r = bench(tmp.resolve("hold"), "--side-by-side", "--modes", "hold", "--flows", "model,dis:fast");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("give dff or track in --modes"), r.err());
        // one chain of frames a stream: a flow straight to the key frame cannot be timed beside a chained one
        r = bench(tmp.resolve("paths"), "--side-by-side", "--frames", "6", "--intervals", "3", "--warm-up", "0",
                "--flows", "model:direct,dis:ultrafast:128");
        assertTrue(r.code() != 0, r.err());
        assertTrue(r.err().contains("--side-by-side runs one flow path for all flows: dis:ultrafast:128 chains"),
                r.err());
        assertTrue(!Files.exists(tmp.resolve("paths").resolve("side_by_side.json")), "nothing written");
        // every frame a key frame (and a warm-up too short to reach a non-key frame): nothing to time, said so
        r = bench(tmp.resolve("l1"), "--side-by-side", "--frames", "4", "--intervals", "1", "--warm-up", "1",
                "--flows", "model:chain,dis:ultrafast:128");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("no frame between key frames in 4 frames at l=1, so no flow to time"), r.err());
    }

    @Test
    void aNegativeWarmUpIsRefusedByBenchAndEvalBeforeAnythingRuns() {
        LaunchCommandTest.Run r = LaunchCommandTest.main("bench", VTEST, "--warm-up", "-3", "--out",
                tmp.resolve("bench").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--warm-up expects a number of frames >= 0, got -3"), r.err());
        assertTrue(!Files.exists(tmp.resolve("bench")), "nothing written");
        r = LaunchCommandTest.main("eval", VTEST, "--warm-up", "-1", "--out", tmp.resolve("eval.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--warm-up expects a number of frames >= 0, got -1"), r.err());
        assertTrue(!Files.exists(tmp.resolve("eval.json")), "nothing written");
    }
}
