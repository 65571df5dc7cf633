package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gstdff.model.imports.RealModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading training footage: whole clips, chosen runs of a long one, and its length without decoding it. */
class ClipReaderTest {

    @TempDir
    Path tmp;

    @Test
    void countsFramesAndReadsRunsAsTheWholeClipHasThem() {
        Path vtest = RealModels.vtest();
        assertEquals(795, ClipReader.frameCount(vtest));
        List<byte[]> all = ClipReader.read(vtest, 64, 48, 1, 14);
        List<List<byte[]>> runs = ClipReader.readRuns(vtest, 64, 48, List.of(new int[] {2, 5}, new int[] {10, 14},
                new int[] {790, 800}, new int[] {900, 910}));
        assertEquals(List.of(3, 4, 5, 0), runs.stream().map(List::size).toList(), "cut short where the clip ends");
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(all.get(2 + i), runs.get(0).get(i), "frame " + (2 + i));
        }
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(all.get(10 + i), runs.get(1).get(i), "frame " + (10 + i));
        }
    }

    @Test
    void refusesRunsOutOfOrderAndFilesItCannotDecode() throws Exception {
        Path vtest = RealModels.vtest();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipReader.readRuns(vtest,
                64, 48, List.of(new int[] {10, 20}, new int[] {15, 30})));
        assertTrue(e.getMessage().contains("increasing and disjoint; got [10-20, 15-30]"), e.getMessage());
        Path junk = tmp.resolve("junk.avi");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> ClipReader.frameCount(junk));
        assertTrue(bad.getMessage().startsWith("cannot decode " + junk), bad.getMessage());
    }
}
