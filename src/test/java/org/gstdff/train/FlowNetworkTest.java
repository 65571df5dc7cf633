package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gstdff.TestModels;
import org.gstdff.core.FrameResult;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Mode;
import org.gstdff.model.Device;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.TfModelSet;
import org.gstdff.model.TfModelSetTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flow network exported into a model set: it loads under the contract and, untrained, behaves as zero flow. */
class FlowNetworkTest {

    @TempDir
    Path tmp;

    @Test
    void untrainedNetworkLoadsAndPropagatesLikeZeroFlow() throws Exception {
        check(FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12, 16)));
    }

    @Test
    void untrainedCostVolumeNetworkToo() throws Exception {
        check(FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12), 2));
    }

    @Test
    void aDecoderStoppingAtLevelOneOnFramesAtTwiceTheGridToo() throws Exception {
        FlowNetwork.Config c = FlowModelWriter.configFor(TestModels.tiny(), List.of(8, 12, 16)).withInputScale(2)
                .withFinestLevel(1);
        check(c);
        Map<String, Object> flow = ModelManifest.read(tmp.resolve("set")).flow();
        assertEquals(1L, ((Number) flow.get("finest_level")).longValue());
        assertEquals(c, FlowNetwork.Config.described(flow, c.gridWidth(), c.gridHeight(), c.channels()),
                "the manifest describes the network it holds");
        assertFalse(FlowModelWriter.values(tmp.resolve("set/flow")).containsKey("dec0_w"), "no level-0 decoder");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withFinestLevel(3));
        assertTrue(e.getMessage().contains("one of the 3 encoder levels (0-2), got 3"), e.getMessage());
    }

    private void check(FlowNetwork.Config c) throws Exception {
        Path set = tmp.resolve("set");
        FlowModelWriter.writeSet(TestModels.tiny(), set, c, FlowModelWriter.initial(3), "flownet-untrained");
        assertEquals("flownet-untrained", ModelManifest.read(set).flowKind());
        // the probe run at load checks flow [1,h,w,2] and scale [1,h,w,C] against the feature map
        try (TfModelSet s = TfModelSet.load(set, Device.CPU);
                DffEngine dff = new DffEngine(s, Mode.DFF, 4, 0f);
                DffEngine hold = new DffEngine(s, Mode.HOLD, 4, 0f)) {
            for (int i = 0; i < 4; i++) {
                FrameResult a = dff.process(TfModelSetTest.gradient(160, 120, i * 3), false);
                FrameResult b = hold.process(TfModelSetTest.gradient(160, 120, i * 3), false);
                assertEquals(b.detections().size(), a.detections().size());
                for (int k = 0; k < a.detections().size(); k++) {
                    // zero flow and scale 1: the head sees the key frame's features, as hold's boxes do
                    assertEquals(b.detections().get(k).confidence(), a.detections().get(k).confidence(), 1e-4);
                    assertEquals(b.detections().get(k).box().x1(), a.detections().get(k).box().x1(), 1e-3);
                }
            }
            assertTrue(s.describe().contains("flownet-untrained"), s.describe());
        }
    }
}
