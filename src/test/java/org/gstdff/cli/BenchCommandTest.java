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
    void theStreamsBenchWarmsOneStreamUpFirst() throws Exception {
        Path out = tmp.resolve("streams");
        LaunchCommandTest.Run r = bench(out, "--streams", "1,2", "--frames", "8", "--intervals", "4", "--warm-up",
                "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warming up: mode=dff over 3 frames"), r.err());
        int firstRun = r.err().indexOf(" streams, ");
        assertTrue(firstRun > r.err().indexOf("warming up"), "the warm-up before the streams: " + r.err());
        List<Object> rows = (List<Object>) Json.parse(Files.readString(out.resolve("streams.json")));
        assertTrue(!rows.isEmpty() && ((Map<String, Object>) rows.get(0)).get("streams") != null, "rows: " + rows);
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
