package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.gstdff.TestModels;
import org.gstdff.engine.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedModelSetsTest {

    private static final DisFlowNet.Settings DIS = new DisFlowNet.Settings(DisFlowNet.Preset.ULTRAFAST, 0);

    @Test
    void streamsOfOneFolderShareOneLoadedSetUntilTheLastCloses() {
        Path tiny = TestModels.tiny();
        int before = SharedModelSets.loaded();
        ModelSet a = SharedModelSets.open(tiny, Device.CPU, 1, DIS, FlowRefine.AUTO);
        // same folder, other path
        ModelSet b = SharedModelSets.open(tiny.resolve("../tiny"), Device.CPU, 1, DIS, FlowRefine.AUTO);
        try {
            assertEquals(before + 1, SharedModelSets.loaded());
            assertEquals(2, SharedModelSets.users(tiny));
            StreamModelSet sa = (StreamModelSet) a;
            StreamModelSet sb = (StreamModelSet) b;
            assertSame(sa.shared(), sb.shared(), "one set of sessions");
            assertSame(a.feature(), b.feature());
            assertNotSame(a.flow(), b.flow(), "each stream its own DIS (it caches the stream's last frame)");
        } finally {
            a.close();
            assertEquals(1, SharedModelSets.users(tiny));
            assertEquals(before + 1, SharedModelSets.loaded(), "still held by b");
            b.close();
            a.close(); // twice is harmless
        }
        assertEquals(0, SharedModelSets.users(tiny));
        assertEquals(before, SharedModelSets.loaded(), "closed with its last user");
    }

    @Test
    void otherThreadsOrFoldersLoadTheirOwn(@TempDir Path tmp) throws Exception {
        Path tiny = TestModels.tiny();
        Path other = TinyModelSet.write(tmp.resolve("other"), 5);
        int before = SharedModelSets.loaded();
        try (ModelSet a = SharedModelSets.open(tiny, Device.CPU, 1, null, FlowRefine.AUTO);
                ModelSet b = SharedModelSets.open(tiny, Device.CPU, 2, null, FlowRefine.AUTO);
                ModelSet c = SharedModelSets.open(other, Device.CPU, 1, null, FlowRefine.AUTO)) {
            assertEquals(before + 3, SharedModelSets.loaded());
            assertSame(((StreamModelSet) a).shared().flowNetwork(), a.flow(), "flow=model: the set's network");
            assertNotSame(((StreamModelSet) a).shared(), ((StreamModelSet) c).shared());
        }
        assertEquals(before, SharedModelSets.loaded());
    }

    @Test
    void eachFlowPrecisionLoadsItsOwnAndAutoSharesWhatItRunsAs() {
        Path tiny = TestModels.tiny();
        int before = SharedModelSets.loaded();
        try (ModelSet f32 = SharedModelSets.open(tiny, Device.CPU, 1, FlowPrecision.FLOAT32, null, FlowRefine.AUTO);
                ModelSet bf16 = SharedModelSets.open(tiny, Device.CPU, 1, FlowPrecision.BFLOAT16, null,
                        FlowRefine.AUTO);
                ModelSet auto = SharedModelSets.open(tiny, Device.CPU, 1, FlowPrecision.AUTO, null,
                        FlowRefine.AUTO);
                ModelSet dis = SharedModelSets.open(tiny, Device.CPU, 1, FlowPrecision.FLOAT32, DIS,
                        FlowRefine.AUTO)) {
            assertEquals(before + 2, SharedModelSets.loaded(), "DIS streams share the set whatever the precision");
            assertSame(((StreamModelSet) auto).shared(), ((StreamModelSet) dis).shared());
            assertEquals(FlowPrecision.FLOAT32, ((StreamModelSet) f32).shared().flowPrecision());
            assertEquals(FlowPrecision.BFLOAT16, ((StreamModelSet) bf16).shared().flowPrecision());
            assertSame(((StreamModelSet) (FlowPrecision.AUTO.resolve() == FlowPrecision.BFLOAT16 ? bf16 : f32))
                    .shared(), ((StreamModelSet) auto).shared());
            assertTrue(bf16.describe().contains("flow random in bfloat16"), bf16.describe());
            assertFalse(f32.describe().contains("bfloat16"), f32.describe());
        }
        assertEquals(before, SharedModelSets.loaded());
    }

    @Test
    void aSetThatFailsToLoadIsNotHeld(@TempDir Path tmp) {
        assertThrows(ModelSetException.class, () -> SharedModelSets.open(tmp.resolve("missing"), Device.CPU, 1,
                null, FlowRefine.AUTO));
        assertEquals(0, SharedModelSets.users(tmp.resolve("missing")));
    }
}
