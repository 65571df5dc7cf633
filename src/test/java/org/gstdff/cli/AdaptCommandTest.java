package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.Json;
import org.gstdff.model.TinyModelSet;
import org.gstdff.model.Device;
import org.gstdff.model.FlowRefine;
import org.gstdff.model.TfModelSet;
import org.gstdff.train.FlowModelWriter;
import org.gstdff.train.FlowTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AdaptCommandTest {

    @TempDir
    Path tmp;

    private static final String CLIP = Path.of(".cache/media/vtest.avi").toAbsolutePath().toString();

    private static String digest(Path dir) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update(f.toString().getBytes());
                md.update(Files.readAllBytes(f));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    @SuppressWarnings("unchecked")
    void adaptsOnFootageOutsideTheEvaluationRangeAndRecordsHow() throws Exception {
        // the tiny set with a small learned-architecture flow network (the tiny set's own is a random conv)
        Path base = TinyModelSet.write(tmp.resolve("base"), 3);
        Path tiny = tmp.resolve("tiny");
        Path flow = tmp.resolve("flow");
        try (TfModelSet set = TfModelSet.load(base, Device.CPU);
                FlowTrainer t = new FlowTrainer(set, FlowModelWriter.configFor(base, List.of(8, 12)), 1)) {
            t.export(flow);
        }
        Files.writeString(flow.resolve("flow.json"), "{\"kind\": \"learned\", \"architecture\": \"flownet-s-lite\", "
                + "\"widths\": [8, 12], \"correlation_radius\": 0, \"input_scale\": 1, \"scale\": \"learned\"}");
        org.gstdff.core.FileTrees.copy(base, tiny);
        FlowModelWriter.install(flow, tiny);
        String before = digest(tiny);
        Path out = tmp.resolve("adapted");
        LaunchCommandTest.Run r = LaunchCommandTest.main("adapt", CLIP + ":300-340", "--model", tiny.toString(),
                "--out", out.toString(), "--steps", "20", "--interval", "4", "--holdout", "0.25", "--epe-weighting",
                "cell", "--path", "direct");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("vtest.avi:300-340: 40 frames, 30 to train on, 10 held out"), r.out());
        assertTrue(r.out().matches("(?s).*before: mean over classes AP@0\\.5 \\d+\\.\\d.*"), r.out());
        // the element's default flow on the same frames, the figure the adapted flow has to beat
        assertTrue(r.out().matches("(?s).*DIS:    mean over classes AP@0\\.5 \\d+\\.\\d \\(the same frames; "
                + "dis:ultrafast:512 chained, the element's default flow\\).*"), r.out());
        assertTrue(r.out().matches("(?s).*after:  mean over classes AP@0\\.5 \\d+\\.\\d \\([+-]\\d+\\.\\d, direct, "
                + "with 2 Lucas-Kanade steps\\); [+-]\\d+\\.\\d against DIS.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*\nverdict: the adapted flow agrees .*"), r.out());
        assertEquals(before, digest(tiny), "the input set is only read");
        Map<String, Object> m = (Map<String, Object>) Json.parse(Files.readString(out.resolve("model.json")));
        Map<String, Object> adapted = (Map<String, Object>) ((Map<String, Object>) m.get("flow")).get("adapted");
        assertEquals(20L, adapted.get("steps"));
        assertTrue(adapted.get("held_out_mean_over_classes_ap_dis") instanceof Number n && n.doubleValue() >= 0
                && n.doubleValue() <= 1, "DIS's agreement on the held-out frames: " + adapted);
        assertFalse(String.valueOf(adapted.get("losses")).contains("moving"), "every cell the same: " + adapted);
        Map<String, Object> clip = (Map<String, Object>) ((List<Object>) adapted.get("clips")).get(0);
        assertEquals("vtest.avi", clip.get("clip"));
        assertEquals(List.of(300L, 330L), clip.get("trained_frames"));
        assertEquals(List.of(330L, 340L), clip.get("held_out_frames"));
        assertTrue(Files.size(out.resolve("loss-epe.png")) > 1000, "loss curve");
        assertEquals("direct", ((Map<String, Object>) m.get("flow")).get("path"), "one jump to the key frame");
        assertTrue(Files.isRegularFile(out.resolve("flow/saved_model.pb")));
        try (var siblings = Files.list(tmp)) {
            assertFalse(siblings.anyMatch(p -> p.getFileName().toString().contains(".adapting-")), "no leftovers");
        }
        // the adapted set loads and runs like any other
        LaunchCommandTest.Run run = LaunchCommandTest.main("launch", "videotestsrc num-buffers=4 ! videoconvert ! "
                + "dff flow=model model=" + out + " ! fakesink");
        assertEquals(0, run.code(), run.err());

        // --path chain (the default): trained on the flow chained over runs of consecutive frames, measured
        // chained, and the set says so for flow-path=auto; the teacher's EPE balanced between moving and still cells
        // (the default), which the provenance records
        Path chained = tmp.resolve("chained");
        r = LaunchCommandTest.main("adapt", CLIP + ":300-340", "--model", tiny.toString(), "--out", chained.toString(),
                "--steps", "10", "--interval", "4", "--holdout", "0.25"); // --path chain
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().matches("(?s).*before: .*\\(held out, l=4, direct\\).*after: .*, chained, with 2 "
                + "Lucas-Kanade steps\\).*"), r.out());
        Map<String, Object> cm = (Map<String, Object>) Json.parse(Files.readString(chained.resolve("model.json")));
        Map<String, Object> cflow = (Map<String, Object>) cm.get("flow");
        assertEquals("chain", cflow.get("path"));
        assertTrue(String.valueOf(((Map<String, Object>) cflow.get("adapted")).get("path")).startsWith("chain"));
        assertTrue(String.valueOf(((Map<String, Object>) cflow.get("adapted")).get("losses")).contains(
                "the cells it sees moving by more than 0.5 cells weighing as much in total as the still ones"), cflow
                        .toString());
        assertTrue(String.valueOf(((Map<String, Object>) cflow.get("adapted")).get("losses")).contains(
                "composed frame to frame over 1..4 consecutive frames"), cflow.toString());
        assertTrue(r.out().contains("step    10/10  chained EPE to DIS's, mean over lengths 1-4 (motion-weighted)"),
                r.out());
        try (TfModelSet set = TfModelSet.load(chained, Device.CPU)) {
            assertTrue(set.flowNetworkChains(), "flow-path=auto chains it");
            // and flow-refine=auto refines it: the after line above was measured so
            assertEquals(FlowRefine.DEFAULTS, set.manifest().flowRefinement());
        }
        // that set again, taught by the detector's box motion and scored through its steps
        Path boxed = tmp.resolve("boxed");
        r = LaunchCommandTest.main("adapt", CLIP + ":300-340", "--model", chained.toString(), "--out",
                boxed.toString(), "--steps", "4", "--interval", "4", "--holdout", "0.25", "--box-teacher",
                "--chain-refined");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("step     4/4  chained EPE to the teacher's after the steps, mean over lengths "
                + "1-4"), r.out());
        String losses = String.valueOf(((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) Json
                .parse(Files.readString(boxed.resolve("model.json")))).get("flow")).get("adapted")).get("losses"));
        assertTrue(losses.contains("box motion: on the objects the set's detector sees") && losses.contains(
                "scored after the set's Lucas-Kanade steps"), losses);

        // a recording longer than --max-frames is read as runs of 4 key intervals (+1) spread over it: here 150
        // frames to train on, 40 read as 2 runs of 20; 50 held out, 13 read (the held-out share of the budget)
        Path sampled = tmp.resolve("sampled");
        r = LaunchCommandTest.main("adapt", CLIP + ":300-500", "--model", tiny.toString(), "--out", sampled.toString(),
                "--steps", "5", "--interval", "4", "--holdout", "0.25", "--max-frames", "40");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("vtest.avi:300-500: 200 frames, 150 to train on (read: 2 runs of up to 20 "
                + "consecutive frames, 40 frames), 50 held out (measured: 1 runs, 13 frames)"), r.out());
        Map<String, Object> sm = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) Json.parse(
                Files.readString(sampled.resolve("model.json")))).get("flow")).get("adapted");
        Map<String, Object> sclip = (Map<String, Object>) ((List<Object>) sm.get("clips")).get(0);
        assertEquals(List.of(300L, 450L), sclip.get("trained_frames"));
        assertEquals(List.of(List.of(300L, 320L), List.of(430L, 450L)), sclip.get("trained_runs"));
        assertEquals(List.of(List.of(450L, 463L)), sclip.get("held_out_runs"));
    }

    @Test
    void theVerdictNamesTheFlowThatAgreesMostOnTheHeldOutFrames() {
        Path set = Path.of("models/default");
        AdaptCommand.Agreement dis = a(0.806);
        assertEquals("the adapted flow agrees the most on the held-out frames: use the adapted set with flow=model",
                AdaptCommand.verdict(a(0.821), a(0.825), dis, set));
        assertEquals("the adapted flow agrees the most on the held-out frames: use the adapted set with flow=model",
                AdaptCommand.verdict(a(0.821), a(0.821), a(0.821), set), "a tie does not count against it");
        assertEquals("the adapted flow agrees the most on the held-out frames: use the adapted set with flow=model",
                AdaptCommand.verdict(a(0.82149), a(0.82101), dis, set), "nor a difference the figures do not show");
        assertEquals("the adapted flow agrees less on the held-out frames (81.9) than models/default's own flow "
                + "(82.1): keep models/default with flow=model", AdaptCommand.verdict(a(0.821), a(0.819), dis, set));
        assertEquals("the adapted flow agrees less on the held-out frames (80.0) than DIS (80.6): keep flow=dis, the "
                + "element's default", AdaptCommand.verdict(a(0.790), a(0.800), dis, set), "better than before, "
                + "still under DIS");
        assertEquals("the adapted flow agrees less on the held-out frames (78.0) than DIS (80.6): keep flow=dis, the "
                + "element's default", AdaptCommand.verdict(a(0.790), a(0.780), dis, set));
        assertNull(AdaptCommand.verdict(a(Double.NaN), a(Double.NaN), a(Double.NaN), set),
                "nothing detected: nothing to say");
    }

    private static AdaptCommand.Agreement a(double ap) {
        return new AdaptCommand.Agreement(ap, "person");
    }

    @Test
    void refusesTheEvaluationRangeUndecodableClipsAndAnExistingOutput() throws Exception {
        Path tiny = TinyModelSet.write(tmp.resolve("tiny"), 3);
        LaunchCommandTest.Run r = LaunchCommandTest.main("adapt", CLIP + ":200-400", "--model", tiny.toString(),
                "--out", tmp.resolve("a").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("vtest.avi frames 0-299 are the evaluation range"), r.err());
        r = LaunchCommandTest.main("adapt", CLIP, "--model", tiny.toString(), "--out", tmp.resolve("a").toString());
        assertEquals(2, r.code(), "the whole of vtest.avi includes the evaluation range");
        Path junk = tmp.resolve("junk.avi");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        r = LaunchCommandTest.main("adapt", junk.toString(), "--model", tiny.toString(), "--out",
                tmp.resolve("b").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot decode " + junk), r.err());
        assertFalse(Files.exists(tmp.resolve("b")));
        r = LaunchCommandTest.main("adapt", CLIP + ":300-340", "--model", tiny.toString(), "--out", tiny.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("already exists"), r.err());
        r = LaunchCommandTest.main("adapt", CLIP + ":300-340", "--model", tiny.toString(), "--out",
                tmp.resolve("c").toString(), "--interval", "4");
        assertEquals(2, r.code(), "the tiny set's random flow cannot be adapted");
        assertTrue(r.err().contains("is not a network train-flow makes"), r.err());
        assertFalse(Files.exists(tmp.resolve("c")));
        String out = tmp.resolve("d").toString();
        assertRefused("--interval must be >= 2", CLIP + ":300-340", "--model", tiny.toString(), "--out", out,
                "--interval", "1");
        assertRefused("--epe-weighting is motion or cell, got object", CLIP + ":300-340", "--model", tiny.toString(),
                "--out", out, "--epe-weighting", "object");
        assertRefused("--path chain fits DIS's chained flow alone", CLIP + ":300-340", "--model", tiny.toString(),
                "--out", out, "--photometric-weight", "1");
        assertRefused("--task-weight is a term of --path chain", CLIP + ":300-340", "--model", tiny.toString(),
                "--out", out, "--path", "direct", "--task-weight", "1");
        assertRefused("--task-weight must be >= 0, got -1.0", CLIP + ":300-340", "--model", tiny.toString(), "--out",
                out, "--task-weight", "-1");
        assertRefused("--task-weight reads the detector's head map, but the feature map of " + tiny + " is not",
                CLIP + ":300-340", "--model", tiny.toString(), "--out", out, "--task-weight", "1");
        assertRefused("--box-teacher teaches the links of --path chain", CLIP + ":300-340", "--model",
                tiny.toString(), "--out", out, "--path", "direct", "--box-teacher");
        assertRefused("--chain-refined trains the chain through the steps; --path direct has no chain",
                CLIP + ":300-340", "--model", tiny.toString(), "--out", out, "--path", "direct", "--chain-refined");
        assertRefused("--chain-refined trains through the set's Lucas-Kanade steps, but its model.json refines the "
                + "flow with none", CLIP + ":300-340", "--model", tiny.toString(), "--out", out, "--chain-refined");
        assertRefused("--path is chain or direct, got jump", CLIP + ":300-340", "--model", tiny.toString(), "--out",
                out, "--path", "jump");
        // --path chain trains on runs of interval + 1 frames: 10 frames with 60% held out leave 4
        assertRefused("vtest.avi:300-310: 10 frames decoded; need at least 5 to train on and 4 held out",
                CLIP + ":300-310", "--model", tiny.toString(), "--out", out, "--interval", "4", "--holdout", "0.6");
        assertFalse(Files.exists(tmp.resolve("d")));
    }

    @Test
    void heldOutFramesWithNothingDetectedSaySoInsteadOfPrintingNaN() {
        assertEquals("person AP@0.5 73.6", new AdaptCommand.Agreement(0.736, "person").text());
        assertEquals("not measured: the per-frame detector finds nothing in the held-out frames",
                new AdaptCommand.Agreement(Double.NaN, "mean over classes").text());
    }

    /** {@code dff adapt ARGS} exits 2 with {@code message} on stderr. */
    private static void assertRefused(String message, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "adapt";
        System.arraycopy(args, 0, argv, 1, args.length);
        LaunchCommandTest.Run r = LaunchCommandTest.main(argv);
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains(message), r.err());
    }
}
