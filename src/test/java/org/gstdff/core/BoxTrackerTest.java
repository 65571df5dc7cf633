package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class BoxTrackerTest {

    static final int GW = 32;
    static final int GH = 24;
    static final int FW = 320; // 10 frame pixels per cell
    static final int FH = 240;

    static Detection det(double x1, double y1, double x2, double y2) {
        return new Detection(0, "person", 0.8f, new BoundingBox(x1, y1, x2, y2));
    }

    /** Backward flow of an object that moved by (mx, my) cells: -m on the cells it now covers, 0 elsewhere. */
    static float[] objectMoved(int x1, int y1, int x2, int y2, float mx, float my) {
        float[] f = new float[GW * GH * 2];
        for (int y = 0; y < GH; y++) {
            for (int x = 0; x < GW; x++) {
                if (x >= x1 + mx && x <= x2 + mx && y >= y1 + my && y <= y2 + my) {
                    f[2 * (y * GW + x)] = -mx;
                    f[2 * (y * GW + x) + 1] = -my;
                }
            }
        }
        return f;
    }

    @Test
    void aUniformFlowMovesEveryBox() {
        BoxTracker t = new BoxTracker();
        t.start(List.of(det(50, 50, 100, 150), det(200, 20, 260, 60)));
        float[] f = new float[GW * GH * 2];
        for (int i = 0; i < f.length; i += 2) {
            f[i] = -1.5f; // content moved right by 1.5 cells = 15 px, down by 0.5 cell = 5 px
            f[i + 1] = -0.5f;
        }
        List<Detection> out = t.track(f, GW, GH, FW, FH);
        assertEquals(2, out.size());
        assertEquals(65, out.get(0).box().x1(), 1e-4);
        assertEquals(55, out.get(0).box().y1(), 1e-4);
        assertEquals(115, out.get(0).box().x2(), 1e-4);
        assertEquals(275, out.get(1).box().x2(), 1e-4);
        assertEquals(0.8f, out.get(1).confidence());
    }

    @Test
    void followsAnObjectOverAStillBackgroundAcrossFrames() {
        BoxTracker t = new BoxTracker();
        // the object covers cells 5..9 x 5..14 in the key frame (frame px 50..90 x 50..140)
        t.start(List.of(det(50, 50, 90, 140)));
        for (int step = 1; step <= 4; step++) {
            float m = 2f * step; // 2 cells a frame to the right: after 4 frames the boxes no longer overlap
            List<Detection> out = t.track(objectMoved(5, 5, 9, 14, m, 0), GW, GH, FW, FH);
            assertEquals(50 + 10 * m, out.get(0).box().x1(), 1e-4, "frame " + step);
            assertEquals(50, out.get(0).box().y1(), 1e-4);
        }
    }

    @Test
    void theMedianIgnoresAFewWildVectors() {
        BoxTracker t = new BoxTracker();
        t.start(List.of(det(50, 50, 150, 150)));
        float[] f = objectMoved(5, 5, 15, 15, 1, 0);
        for (int i = 0; i < 10; i++) {
            f[2 * ((6 + i) * GW + 8)] = 40; // an outlier column
        }
        assertEquals(60, t.track(f, GW, GH, FW, FH).get(0).box().x1(), 1e-4);
    }

    @Test
    void aBoxMovedOutOfTheFrameIsDropped() {
        BoxTracker t = new BoxTracker();
        t.start(List.of(det(0, 0, 20, 20), det(100, 100, 140, 140)));
        float[] f = new float[GW * GH * 2];
        for (int i = 0; i < f.length; i += 2) {
            f[i] = 5; // everything moved 5 cells (50 px) left
        }
        List<Detection> out = t.track(f, GW, GH, FW, FH);
        assertEquals(1, out.size());
        assertEquals(50, out.get(0).box().x1(), 1e-4);
    }

    @Test
    void aTinyBoxReadsTheNearestCell() {
        BoxTracker t = new BoxTracker();
        t.start(List.of(det(101, 101, 103, 103))); // inside cell 10's span, no cell centre in it
        float[] f = new float[GW * GH * 2];
        for (int y = 8; y <= 13; y++) {
            f[2 * (y * GW + 10) + 1] = -1; // the column around it moved down a cell
        }
        Detection d = t.track(f, GW, GH, FW, FH).get(0);
        assertEquals(111, d.box().y1(), 1e-4);
        assertTrue(d.box().x1() == 101);
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2f, BoxTracker.median(new float[] {3, 1, 2}, 3));
        assertEquals(2.5f, BoxTracker.median(new float[] {4, 1, 3, 2}, 4));
    }
}
