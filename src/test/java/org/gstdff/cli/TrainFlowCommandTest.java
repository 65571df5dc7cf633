package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.FileTrees;
import org.gstdff.model.Device;
import org.gstdff.model.ModelContract;
import org.gstdff.model.FlowRefine;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.SharedModelSets;
import org.gstdff.model.TinyModelSet;
import org.gstdff.model.imports.RealModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What train-flow writes beside its network says how the element uses it: refined, and then chained; install-flow
 * replaces a set's flow description even where this build would refuse it, and refuses a network whose own is at
 * fault.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TrainFlowCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aTrainedNetworkIsUsedRefinedAndChained() throws Exception {
        Path tiny = TinyModelSet.write(tmp.resolve("tiny"), 5);
        Path net = tmp.resolve("net");
        // trained for the default set's grid (train-flow wants a set with people), installed into the tiny set; one
        // clip of the ones ./dff test installs (the others come with ./dff setup), two steps of each phase, the chain's
        // anchored on synthetic pairs
        LaunchCommandTest.Run trained = LaunchCommandTest.main("train-flow", "--model",
                RealModels.defaultSet().toString(), "--synthetic-steps", "2", "--chain-steps", "2", "--chain-anchor",
                "1", "--chain-average", "1", "--background-speed", "6", "--clips",
                Path.of(".cache/media/tree.avi").toAbsolutePath().toString(), "--out", net.toString(), "--work",
                tmp.resolve("work").toString());
        assertEquals(0, trained.code(), trained.err() + trained.out());
        assertTrue(trained.out().contains("chain        step     2/2  chained EPE to DIS's"), trained.out());
        Path set = tmp.resolve("set");
        FileTrees.copy(tiny, set);
        // the set as an older build left it: a refinement this build refuses (a window of 6.5 cells), replaced
        Path manifest = set.resolve(ModelContract.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"kind\"", "\"refine\": {\"method\": "
                + "\"lucas-kanade\", \"iterations\": 1, \"scale\": 2, \"window\": 13, \"lambda\": 0.0001}, \"kind\""));
        LaunchCommandTest.Run r = LaunchCommandTest.main("install-flow", net.toString(), set.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        ModelManifest m = ModelManifest.read(set);
        assertEquals(FlowRefine.DEFAULTS, m.flowRefinement());
        assertTrue(m.flowChains(), "flow-path=auto chains it");
        assertEquals(2, ((Number) ((java.util.Map<?, ?>) m.flow().get("chain_phase")).get("steps")).intValue());
        assertTrue(((java.util.Map<?, ?>) m.flow().get("chain_phase")).get("loss").toString().endsWith(
                "; a synthetic pair's EPE step after every 1 chain steps; the parameters averaged over every "
                + "250th of the last 1 steps"), m.flow().toString());
        assertEquals(1, ((Number) ((java.util.Map<?, ?>) m.flow().get("chain_phase")).get("averaged_last_steps"))
                .intValue());
        assertEquals(6.0, ((Number) ((java.util.Map<?, ?>) m.flow().get("synthetic_pairs")).get(
                "background_speed_px")).doubleValue());
        try (var opened = SharedModelSets.open(set, Device.CPU, 1, null, FlowRefine.AUTO)) {
            assertTrue(opened.describe().contains("+ Lucas-Kanade x2 at 2 px a cell, window 14"), opened.describe());
        }
        // a network whose own description is at fault is refused, naming its flow.json, and the set stays as it was
        Path bad = tmp.resolve("bad-net");
        FileTrees.copy(net, bad);
        Path flowJson = bad.resolve("flow.json");
        Files.writeString(flowJson, Files.readString(flowJson).replace("\"window\": 14", "\"window\": 13"));
        String before = Files.readString(manifest);
        r = LaunchCommandTest.main("install-flow", bad.toString(), set.toString());
        assertTrue(r.code() != 0, r.out());
        assertTrue(r.err().contains(flowJson.toString()) && r.err().contains("flow.refine"), r.err());
        assertEquals(before, Files.readString(manifest));
    }
}
