package org.gstdff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PairedTimesTest {

    @Test
    void comparesEachWayWithTheFirstCallByCall() {
        PairedTimes t = new PairedTimes(List.of("a", "b"));
        // b is 0.5 ms slower on every call, though the calls' own durations spread over 1-100 ms
        for (int c = 1; c <= 101; c++) {
            t.add(c % 2, c * 1_000_000L, c * 1_000_000L + 500_000L);
        }
        List<PairedTimes.Comparison> cs = t.compare();
        PairedTimes.Comparison a = cs.get(0);
        PairedTimes.Comparison b = cs.get(1);
        assertEquals(101, b.calls());
        assertEquals(51.0, a.medianMs(), 1e-9);
        assertEquals(51.5, b.medianMs(), 1e-9);
        assertEquals(96.5, b.p95Ms(), 1e-9, "nearest rank: the 96th of 101");
        assertEquals(0.5, b.medianDifferenceMs(), 1e-9);
        assertEquals(0.5, b.differenceLowMs(), 1e-9, "every difference the same: so is the interval");
        assertEquals(0.5, b.differenceHighMs(), 1e-9);
        assertEquals(0.0, b.fasterShare());
        assertEquals(51.5 / 51.0, b.medianRatio(), 1e-9);
        assertEquals(0.0, a.medianDifferenceMs());
        assertEquals(1.0, a.medianRatio());
    }

    @Test
    void theIntervalSpansTheDifferencesItCannotTellApart() {
        PairedTimes t = new PairedTimes(List.of("a", "b"));
        // differences -1, +1 alternately: the median is 0 and the interval reaches both
        for (int c = 0; c < 100; c++) {
            t.add(c % 2, 10_000_000L, c % 2 == 0 ? 9_000_000L : 11_000_000L);
        }
        PairedTimes.Comparison b = t.compare().get(1);
        assertEquals(0.0, b.medianDifferenceMs(), 1e-9);
        assertEquals(-1.0, b.differenceLowMs(), 1e-9);
        assertEquals(1.0, b.differenceHighMs(), 1e-9);
        assertEquals(0.5, b.fasterShare());
        // b ran first on the odd calls, where it took 11 ms
        assertEquals(11.0, b.medianWhenFirstMs(), 1e-9);
        assertEquals(9.0, b.medianWhenLaterMs(), 1e-9);
        assertEquals(10.0, t.compare().get(0).medianWhenFirstMs(), 1e-9);
    }

    @Test
    void theMediansIntervalRanksAreTheBinomials() {
        assertEquals(39, PairedTimes.medianRankBelow(100), "ranks 40 and 61 of 100 (1-based)");
        assertEquals(0, PairedTimes.medianRankBelow(5), "too few: the whole range");
        assertEquals(0, PairedTimes.medianRankBelow(1));
        int k = PairedTimes.medianRankBelow(300);
        assertTrue(k >= 130 && k < 150, "" + k);
    }

    @Test
    void refusesWhatItCannotCompare() {
        assertThrows(IllegalArgumentException.class, () -> new PairedTimes(List.of()));
        PairedTimes t = new PairedTimes(List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.add(0, 1L));
        assertTrue(e.getMessage().contains("1 durations for 2 ways"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.add(2, 1L, 2L));
        assertTrue(e.getMessage().contains("way 2 ran first, of 2"), e.getMessage());
        assertThrows(IllegalStateException.class, t::compare);
    }
}
