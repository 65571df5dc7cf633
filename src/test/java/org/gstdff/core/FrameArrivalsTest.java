package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameArrivalsTest {

    @Test
    void framesSkippedByTheQueueCountAsDropped() {
        FrameArrivals a = new FrameArrivals();
        for (int i = 0; i < 5; i++) {
            a.arrived(i * 40, 1000 + i, false);
        }
        assertEquals(1000, a.leaving(0).nanos());
        FrameArrivals.Arrival third = a.leaving(120); // 40 and 80 were dropped
        assertEquals(1003, third.nanos());
        assertFalse(third.discontinuity(), "a drop alone is no discontinuity");
        assertEquals(2, a.dropped());
        assertEquals(1004, a.leaving(160).nanos());
        assertEquals(0, a.waiting());
    }

    @Test
    void aDiscontinuityOfADroppedFramePassesOn() {
        FrameArrivals a = new FrameArrivals();
        a.arrived(0, 1, true);
        a.arrived(40, 2, false);
        assertTrue(a.leaving(40).discontinuity());
        a.arrived(80, 3, false);
        assertFalse(a.leaving(80).discontinuity());
    }

    @Test
    void unknownTimestampsAndFlushesDropNothing() {
        FrameArrivals a = new FrameArrivals();
        a.arrived(0, 10, false);
        assertNull(a.leaving(999)); // never seen: nothing before it is counted
        a.arrived(-1, 20, false);
        assertEquals(10, a.leaving(-1).nanos()); // no timestamp: the oldest entry
        assertEquals(20, a.leaving(-1).nanos());
        a.arrived(40, 30, false);
        a.arrived(80, 31, false);
        a.clear();
        assertNull(a.leaving(80));
        assertEquals(0, a.dropped());
    }

    @Test
    void boundedWhenFramesNeverLeave() {
        FrameArrivals a = new FrameArrivals();
        for (int i = 0; i < FrameArrivals.CAPACITY + 10; i++) {
            a.arrived(i, i, false);
        }
        assertEquals(FrameArrivals.CAPACITY, a.waiting());
    }
}
