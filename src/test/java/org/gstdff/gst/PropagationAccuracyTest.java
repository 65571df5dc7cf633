package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.Detection;
import org.gstdff.eval.AveragePrecision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default set on real vtest frames through real pipelines: propagating the head's output with the default
 * flow (DIS, chained) and tracking boxes with it both keep close to the per-frame detector between key frames,
 * far closer than holding the key frame's boxes, and chaining beats one jump to the key frame.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PropagationAccuracyTest {

    static final int FRAMES = 60;
    static List<List<Detection>> groundTruth;

    static List<List<Detection>> run(String props) throws Exception {
        try (PipelineLauncher l = PipelineLauncher.build("filesrc location=" + TestMedia.vtest()
                + " ! decodebin ! videoconvert ! video/x-raw,format=RGB ! identity eos-after=" + (FRAMES + 1)
                + " ! dff name=d threshold=0 " + props + " ! fakesink")) {
            DetectionTap tap = DetectionTap.on((DffElement) l.elements().get("d"));
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(240_000, null), l.error());
            // identity eos-after=N passes the clip's first N - 1 frames (PipelineLauncher, EosAfterCut)
            List<List<Detection>> f = tap.frames();
            return f.subList(0, Math.min(FRAMES, f.size()));
        }
    }

    static double personAp(List<List<Detection>> predicted) {
        int n = Math.min(groundTruth.size(), predicted.size());
        Map<Integer, AveragePrecision.ClassAp> ap = AveragePrecision.perClass(groundTruth.subList(0, n),
                predicted.subList(0, n), 0.5);
        return ap.get(0).ap();
    }

    @BeforeAll
    static void perFrame() throws Exception {
        groundTruth = new ArrayList<>();
        for (List<Detection> f : run("mode=frame")) {
            groundTruth.add(f.stream().filter(d -> d.confidence() >= 0.4f).toList());
        }
        assertTrue(groundTruth.stream().mapToInt(List::size).sum() > 5 * FRAMES / 2, "people on vtest");
    }

    @Test
    void dffAndTrackFollowTheWalkersWhereHoldDoesNot() throws Exception {
        double dff = personAp(run("mode=dff key-interval=5"));
        double track = personAp(run("mode=track key-interval=5"));
        double hold = personAp(run("mode=hold key-interval=5"));
        String all = "dff " + dff + ", track " + track + ", hold " + hold;
        System.err.println("person AP over the first " + FRAMES + " frames at l=5: " + all);
        assertTrue(dff >= 0.88, all);
        assertTrue(track >= 0.88, all);
        assertTrue(hold < 0.6, all);
    }

    /** Over 10 frames, cheap flow chained frame to frame follows the walkers where one jump to the key frame loses them. */
    @Test
    void chainingBeatsOneJumpOverLongIntervals() throws Exception {
        double chained = personAp(run("mode=dff key-interval=10"));
        double direct = personAp(run("mode=dff key-interval=10 flow-path=direct"));
        System.err.println("person AP over the first " + FRAMES + " frames at l=10: chained " + chained + ", direct "
                + direct);
        assertTrue(chained > direct + 0.03, "chained " + chained + ", direct " + direct);
    }
}
