package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The teacher's chained targets: links composed back to the chain's first frame, masks carried along. */
class TeacherChainsTest {

    static final int W = 10;
    static final int H = 6;

    private static TeacherChains.Link link(float dx, float dy, int failedColumn) {
        float[] f = new float[W * H * 2];
        for (int i = 0; i < f.length; i += 2) {
            f[i] = dx;
            f[i + 1] = dy;
        }
        float[] v = new float[W * H];
        Arrays.fill(v, 1f);
        if (failedColumn >= 0) {
            for (int y = 0; y < H; y++) {
                v[y * W + failedColumn] = 0f;
            }
        }
        return new TeacherChains.Link(f, v);
    }

    @Test
    void eachLengthIsThePathBackToTheFirstFrame() {
        // a scene moving one cell left a frame: from frame j the first frame's content lies j cells to the right
        TeacherChains.Targets t = TeacherChains.chain(List.of(link(1, 0, -1), link(1, 0, -1), link(1, 0, -1)), W, H);
        assertEquals(3, t.length());
        assertEquals(3 * W * H * 2, t.flows().length);
        int cell = 2 * W + 2;
        for (int j = 0; j < 3; j++) {
            assertEquals(j + 1, t.flows()[(j * W * H + cell) * 2], 1e-6, "length " + (j + 1));
            assertEquals(0, t.flows()[(j * W * H + cell) * 2 + 1], 1e-6);
        }
    }

    @Test
    void aCellCountsOnlyWhereEveryLinkOfItsPathPassesTheCheck() {
        // the first link fails in column 5; from the second frame, column 4 lands on it
        TeacherChains.Targets t = TeacherChains.chain(List.of(link(1, 0, 5), link(1, 0, -1)), W, H);
        int plane = W * H;
        assertEquals(0f, t.visible()[2 * W + 5], 1e-6, "length 1: the failed column itself");
        assertEquals(1f, t.visible()[2 * W + 4], 1e-6, "length 1: its neighbour passes");
        assertEquals(0f, t.visible()[plane + 2 * W + 4], 1e-6, "length 2: lands on the failed column");
        assertEquals(1f, t.visible()[plane + 2 * W + 5], 1e-6, "length 2: lands past it");
    }
}
