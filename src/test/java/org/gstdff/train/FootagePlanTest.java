package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How adaptation reads a recording: whole when it fits, else runs spread over it. */
class FootagePlanTest {

    private static List<String> text(List<int[]> runs) {
        return runs.stream().map(r -> r[0] + "-" + r[1]).toList();
    }

    @Test
    void aRangeWithinTheBudgetIsReadWhole() {
        FootagePlan p = FootagePlan.of(300, 795, 0.2, 600, 44);
        assertEquals(List.of("300-696"), text(p.train()));
        assertEquals(List.of("696-795"), text(p.heldOut()));
        assertEquals(396, p.trainFrames());
        assertEquals(99, p.heldOutFrames());
        assertFalse(p.sampled());
        assertEquals(List.of("300-696", "696-795"), text(p.runs()));
    }

    @Test
    void anHourIsReadAsRunsSpreadFromItsStartToTheEndOfEachPart() {
        FootagePlan p = FootagePlan.of(0, 90_000, 0.2, 600, 44);
        assertTrue(p.sampled());
        assertEquals(13, p.train().size(), "600 / 44 runs");
        assertEquals(13 * 44, p.trainFrames());
        assertEquals(0, p.train().get(0)[0]);
        assertEquals(72_000, p.train().get(12)[1], "the last run ends where training ends");
        assertEquals(3, p.heldOut().size(), "150 frames held out: 3 runs");
        assertEquals(72_000, p.heldOut().get(0)[0]);
        assertEquals(90_000, p.heldOut().get(2)[1]);
        List<int[]> all = p.runs();
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i)[0] >= all.get(i - 1)[1], "in order, disjoint: " + text(all));
        }
    }

    @Test
    void aBudgetBelowARunIsOneShortRunAndBadArgumentsAreRefused() {
        assertEquals(List.of("0-30"), text(FootagePlan.spread(0, 1000, 30, 44)));
        assertEquals(List.of(), FootagePlan.spread(5, 5, 30, 44));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FootagePlan.of(10, 10, 0.2, 600, 44));
        assertTrue(e.getMessage().contains("got 10-10, 0.2, 600, 44"), e.getMessage());
    }
}
