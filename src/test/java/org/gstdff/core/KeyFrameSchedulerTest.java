package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void rejectsBadInterval() {
        assertThrows(IllegalArgumentException.class, () -> new KeyFrameScheduler(0));
    }
}
