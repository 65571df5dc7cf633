package org.gstdff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EvalReportTest {

    static EvalReport.Row row(String mode, String flow, int l, double personAp, double speedup) {
        return new EvalReport.Row(mode, flow, l, Map.of(0, new AveragePrecision.ClassAp(0, "person", 100, 100,
                personAp)), personAp, 10 * speedup * 1.1, speedup * 1.1, 0.01, speedup);
    }

    static EvalReport report() {
        EvalReport r = new EvalReport(50);
        r.add(row("frame", "-", 1, 1.0, 1.0));
        r.add(row("dff", "dis", 2, 0.98, 1.9));
        r.add(row("track", "dis", 2, 0.99, 2.0));
        r.add(row("hold", "-", 2, 0.92, 2.1));
        r.add(row("dff", "dis", 5, 0.94, 4.0));
        r.add(row("track", "dis", 5, 0.90, 4.4));
        r.add(row("hold", "-", 5, 0.47, 4.6));
        r.add(row("dff", "dis", 10, 0.86, 6.0));
        r.add(row("track", "dis", 10, 0.84, 6.5));
        return r;
    }

    /** Compared on the speed-up from each run's own frame costs, not on the noisier fps ratio (here 10% above). */
    @Test
    void comparesCurvesByInterpolationAtEachMeasuredSpeedup() {
        List<EvalReport.FrontierPoint> pts = report().compare("dff dis", "track dis", 2, 5);
        // speed-ups of either curve within 2x-5x: track's 2.0 and 4.4, dff's 4.0
        assertEquals(3, pts.size());
        EvalReport.FrontierPoint at2 = pts.get(0);
        assertEquals(2.0, at2.speedup(), 1e-12);
        // dff at 2.0: between (1.9, .98) and (4.0, .94)
        assertEquals(0.98 - 0.04 * 0.1 / 2.1, at2.apA(), 1e-12);
        assertEquals(0.99, at2.apB(), 1e-12);
        EvalReport.FrontierPoint at44 = pts.get(2);
        assertEquals(0.94 - 0.08 * 0.4 / 2.0, at44.apA(), 1e-12);
        assertEquals(0.90, at44.apB(), 1e-12);
    }

    @Test
    void comparesTheBestOfEachMode() {
        EvalReport r = report();
        r.add(row("track", "other", 2, 0.97, 2.2));
        r.add(row("track", "other", 5, 0.95, 4.2));
        List<EvalReport.FrontierPoint> pts = r.compareModes("dff", "track", 2, 5);
        // at 4.2x the second track curve (0.95) is above the first (0.90 + ...) and above dff (0.94 - ...)
        EvalReport.FrontierPoint at42 = pts.stream().filter(p -> p.speedup() == 4.2).findFirst().orElseThrow();
        assertEquals(0.95, at42.apB(), 1e-12);
        assertEquals(0.94 - 0.08 * 0.2 / 2.0, at42.apA(), 1e-12);
        assertTrue(r.frontierSummary(2, 5).contains("best of dff"), r.frontierSummary(2, 5));
    }

    @Test
    void summaryCountsWhereDffIsAtOrAbove() {
        String s = report().frontierSummary(2, 5);
        assertTrue(s.contains("dff dis") && s.contains("track dis") && s.contains("2 of 3"), s);
        assertTrue(s.contains("vs hold") && s.contains("3 of 3"), s);
    }
}
