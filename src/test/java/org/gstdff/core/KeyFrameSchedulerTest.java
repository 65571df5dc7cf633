package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gstdff.engine.KeyPhases;
import org.junit.jupiter.api.Test;

class KeyFrameSchedulerTest {

    private static String pattern(KeyFrameScheduler s, int frames) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            sb.append(s.next(false).keyFrame() ? 'K' : '.');
        }
        return sb.toString();
    }

    @Test
    void fixedIntervals() {
        assertEquals("KKKKK", pattern(new KeyFrameScheduler(1), 5));
        assertEquals("K.K.K.", pattern(new KeyFrameScheduler(2), 6));
        assertEquals("K....K....K", pattern(new KeyFrameScheduler(5), 11));
        assertEquals("K.........K.........K", pattern(new KeyFrameScheduler(10), 21));
    }

    @Test
    void framesSinceKeyCounts() {
        KeyFrameScheduler s = new KeyFrameScheduler(3);
        int[] expected = {0, 1, 2, 0, 1, 2, 0};
        for (int e : expected) {
            assertEquals(e, s.next(false).framesSinceKey());
        }
    }

    @Test
    void discontinuityAndResetRestart() {
        KeyFrameScheduler s = new KeyFrameScheduler(4);
        assertEquals("K..", pattern(s, 3));
        assertEquals(true, s.next(true).keyFrame());
        assertEquals("...K", pattern(s, 4));
        s.next(false);
        s.reset();
        assertEquals("K...K", pattern(s, 5));
    }

    @Test
    void intervalChangeWhileRunning() {
        KeyFrameScheduler s = new KeyFrameScheduler(10);
        assertEquals("K....", pattern(s, 5));
        s.setInterval(3); // 4 frames since key already >= 3: next frame is a key frame
        assertEquals("K..K..", pattern(s, 6));
        s.setInterval(5); // 2 frames since key: the run goes on to 5 frames
        assertEquals("..K....K", pattern(s, 8));
    }

    @Test
    void lateFramesPostponeADueKeyFrameUpToTwiceTheInterval() {
        KeyFrameScheduler s = new KeyFrameScheduler(3);
        assertEquals(true, s.next(false, true).keyFrame()); // the first frame is never postponed
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            sb.append(s.next(false, true).keyFrame() ? 'K' : '.');
        }
        assertEquals(".....K.", sb.toString()); // due at frame 3, postponed until 6 = 2 x interval
        assertEquals(".K", pattern(s, 2)); // on time again: the interval applies
        assertEquals(true, s.next(true, true).keyFrame()); // a discontinuity is never postponed
    }

    @Test
    void everyKeyFrameSaysWhy() {
        KeyFrameScheduler s = new KeyFrameScheduler(3);
        assertEquals(KeyReason.START, s.next(null, false).reason());
        assertEquals(null, s.next(null, false).reason());
        s.next(null, false);
        assertEquals(KeyReason.INTERVAL, s.next(null, false).reason());
        assertEquals(KeyReason.DISCONT, s.next(KeyReason.DISCONT, false).reason());
        s.reset();
        assertEquals(KeyReason.DISCONT, s.next(KeyReason.DISCONT, false).reason(), "a discontinuity at the start");
        s.reset();
        assertEquals(KeyReason.START, s.next(null, false).reason());
    }

    @Test
    void promotedFrameRestartsTheInterval() {
        KeyFrameScheduler s = new KeyFrameScheduler(4);
        s.next(null, false);
        KeyFrameScheduler.Decision d = s.next(null, false);
        assertEquals(false, d.keyFrame());
        KeyFrameScheduler.Decision p = s.promote(KeyReason.ADAPTIVE);
        assertEquals(true, p.keyFrame());
        assertEquals(0, p.framesSinceKey());
        assertEquals(KeyReason.ADAPTIVE, p.reason());
        assertEquals("...K", pattern(s, 4), "the interval counts from the promoted frame");
    }

    @Test
    void aPhaseLengthensTheFirstRunAfterEachRestart() {
        KeyFrameScheduler s = new KeyFrameScheduler(5);
        s.setPhase(0.6); // 3 of 5 frames
        assertEquals("K.......K....K", pattern(s, 14));
        assertEquals(true, s.next(true).keyFrame()); // a discontinuity restarts, long again
        assertEquals(".......K....K", pattern(s, 13));
        assertThrows(IllegalArgumentException.class, () -> s.setPhase(1));
    }

    @Test
    void keyPhasesSpreadStreamsOverTheInterval() {
        int[] slots = {KeyPhases.join(), KeyPhases.join(), KeyPhases.join(), KeyPhases.join()};
        try {
            for (int i = 0; i < slots.length; i++) {
                for (int j = i + 1; j < slots.length; j++) {
                    double d = Math.abs(KeyPhases.phase(slots[i]) - KeyPhases.phase(slots[j]));
                    assertTrue(Math.min(d, 1 - d) >= 0.14, "slots " + slots[i] + " and " + slots[j] + " apart");
                }
            }
        } finally {
            for (int s : slots) {
                KeyPhases.leave(s);
            }
        }
        int again = KeyPhases.join();
        KeyPhases.leave(again);
        assertTrue(again <= slots[0], "a freed slot is taken again");
    }

    @Test
    void rejectsBadInterval() {
        assertThrows(IllegalArgumentException.class, () -> new KeyFrameScheduler(0));
    }
}
