package org.gstdff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BenchReportTest {

    private static BenchReport.Run run(String mode, int l, double fps, double ingest, double feature, double flow,
            double warp, double task) {
        return run(mode, l, fps, ingest, feature, flow, warp, task, ingest + feature + flow + warp + task);
    }

    private static BenchReport.Run run(String mode, int l, double fps, double ingest, double feature, double flow,
            double warp, double task, double frameMs) {
        Map<String, BenchReport.Latency> st = new LinkedHashMap<>();
        st.put("ingest", new BenchReport.Latency(ingest, ingest, 10));
        if (feature > 0) {
            st.put("feature", new BenchReport.Latency(feature, feature, 10));
        }
        if (flow > 0) {
            st.put("flow", new BenchReport.Latency(flow, flow, 10));
            st.put("warp", new BenchReport.Latency(warp, warp, 10));
        }
        st.put("task", new BenchReport.Latency(task, task, 10));
        st.put(feature > 0 ? "key_frame" : "non_key_frame", new BenchReport.Latency(frameMs, frameMs, 10));
        return new BenchReport.Run(mode, mode.equals("frame") ? "-" : "dis:ultrafast:512", l, 100, fps * 1.1, fps,
                st);
    }

    @Test
    void boundFollowsThePaper() {
        assertEquals(1.0, BenchReport.bound(1, 0.3), 1e-12);
        assertEquals(10.0, BenchReport.bound(10, 0), 1e-12);
        assertEquals(10 / (1 + 9 * 0.25), BenchReport.bound(10, 0.25), 1e-12);
    }

    @Test
    void ratioFromStageMedians() {
        BenchReport b = new BenchReport();
        b.add(run("frame", 1, 20, 1, 38, 0, 0, 11)); // key frame 50 ms
        b.add(run("dff", 10, 40, 1, 0, 3, 6, 9, 20)); // a non-key frame: 20 ms in all (19 in stages)
        assertEquals(50, b.keyFrameMs(), 1e-9);
        assertEquals(0.4, b.r(b.runs().get(1)), 1e-9);
        String t = b.table();
        assertTrue(t.contains("dff dis:ultrafast:512 l=10") && t.contains("0.400") && t.contains("2.17x"), t);
        Map<String, Object> j = b.toJson();
        assertEquals(2, ((java.util.List<?>) j.get("runs")).size());
    }
}
