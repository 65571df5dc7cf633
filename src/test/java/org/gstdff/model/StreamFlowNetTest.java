package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.gstdff.engine.FlowField;
import org.gstdff.engine.FrameImage;
import org.gstdff.model.imports.RealModels;
import org.gstdff.train.FlowModelWriter;
import org.gstdff.train.FlowNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream feeds the flow network a frame's input kept from the call it was the current frame in: the same field to
 * the bit as the shared network making both inputs, for the networks this project exports (which name their inputs).
 */
class StreamFlowNetTest {

    @TempDir
    Path tmp;

    @Test
    void theDefaultNetworkGivesTheSameFieldWithItsInputsKept() {
        try (StreamModelSet set = (StreamModelSet) SharedModelSets.open(RealModels.defaultSet(), Device.CPU, 1, null,
                FlowRefine.NONE)) {
            StreamFlowNet stream = assertInstanceOf(StreamFlowNet.class, set.flow(),
                    "the committed network names its inputs");
            try (FrameImage a = set.ingest().ingest(TfModelSetTest.texture(512, 512, 0));
                    FrameImage b = set.ingest().ingest(TfModelSetTest.texture(512, 512, 3));
                    FrameImage c = set.ingest().ingest(TfModelSetTest.texture(512, 512, 7))) {
                // chained (b's input kept from a to b), then a key frame twice (a made again, then kept)
                FrameImage[][] pairs = {{a, b}, {b, c}, {a, b}, {a, c}};
                boolean moved = false;
                for (FrameImage[] p : pairs) {
                    try (FlowField kept = stream.estimate(p[0], p[1]);
                            FlowField made = set.shared().flowNetwork().estimate(p[0], p[1])) {
                        assertArrayEquals(made.vectors(), kept.vectors());
                        for (float v : kept.vectors()) {
                            moved |= Math.abs(v) > 0.3f;
                        }
                    }
                }
                assertTrue(moved, "a field that moves: the comparison is of something");
            }
        }
    }

    @Test
    void anExportedNetworkNamesItsInputsAndAnUnnamedOneIsSharedAsItIs() throws Exception {
        Path tiny = TinyModelSet.write(tmp.resolve("tiny"), 2);
        Path exported = tmp.resolve("exported");
        FlowModelWriter.writeSet(tiny, exported, FlowModelWriter.configFor(tiny, List.of(4, 8)),
                FlowModelWriter.initial(3), "test");
        try (StreamModelSet named = (StreamModelSet) SharedModelSets.open(exported, Device.CPU, 1, null,
                FlowRefine.NONE);
                StreamModelSet unnamed = (StreamModelSet) SharedModelSets.open(tiny, Device.CPU, 1, null,
                        FlowRefine.NONE)) {
            assertInstanceOf(StreamFlowNet.class, named.flow());
            assertSame(unnamed.shared().flowNetwork(), unnamed.flow(), "TinyModelSet's network names no inputs");
        }
    }
}
