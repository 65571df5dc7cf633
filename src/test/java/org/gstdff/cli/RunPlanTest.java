package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RunPlanTest {

    private static List<RunPlan.Config> plan() throws Exception {
        return RunPlan.of(List.of(5, 10), List.of("dff", "hold", "track"), FlowOption.parseList(
                "model,dis:ultrafast:512"));
    }

    @Test
    void frameModeFirstThenEachIntervalsModesWithEachFlow() throws Exception {
        List<String> seen = new ArrayList<>();
        for (RunPlan.Config c : plan()) {
            seen.add(c.mode() + " " + c.flow() + " " + c.interval());
        }
        assertEquals(List.of("frame - 1", "dff model 5", "dff dis:ultrafast:512 5", "hold - 5", "track model 5",
                "track dis:ultrafast:512 5", "dff model 10", "dff dis:ultrafast:512 10", "hold - 10",
                "track model 10", "track dis:ultrafast:512 10"), seen);
        RunPlan.Config track = plan().get(4);
        assertTrue(track.properties().startsWith("mode=track ") && track.properties().contains("flow=model"),
                track.properties());
    }

    @Test
    void warmsEachDistinctConfigurationOnceAtTheFirstIntervalItAppearsAt() throws Exception {
        List<String> warmed = new ArrayList<>();
        RunPlan.warmUp(plan(), 7, (c, n) -> warmed.add(c.mode() + " " + c.flow() + " " + c.interval() + " x" + n));
        assertEquals(List.of("frame - 1 x7", "dff model 5 x7", "dff dis:ultrafast:512 5 x7", "hold - 5 x7",
                "track model 5 x7", "track dis:ultrafast:512 5 x7"), warmed);
    }

    @Test
    void noWarmUpAtZeroFramesAndANegativeOneRefused() throws Exception {
        RunPlan.warmUp(plan(), 0, (c, n) -> {
            throw new AssertionError("ran " + c);
        });
        RunPlan.checkWarmUp(0);
        Main.UsageException e = assertThrows(Main.UsageException.class, () -> RunPlan.checkWarmUp(-1));
        assertTrue(e.getMessage().contains("--warm-up expects a number of frames >= 0, got -1"), e.getMessage());
    }
}
