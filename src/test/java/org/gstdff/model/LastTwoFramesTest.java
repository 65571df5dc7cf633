package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.engine.FrameImage;
import org.junit.jupiter.api.Test;

class LastTwoFramesTest {

    /** A frame known by its number. */
    private record Numbered(int n) implements FrameImage {
        @Override
        public int width() {
            return 1;
        }

        @Override
        public int height() {
            return 1;
        }

        @Override
        public void close() {
        }
    }

    private final List<Integer> made = new ArrayList<>();
    private final List<String> released = new ArrayList<>();
    private final LastTwoFrames<String> cache = new LastTwoFrames<>(released::add);

    private String make(FrameImage f) {
        int n = ((Numbered) f).n();
        made.add(n);
        return "v" + n;
    }

    private static List<Numbered> frames(int count) {
        List<Numbered> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Numbered(i));
        }
        return out;
    }

    @Test
    void aChainOfConsecutivePairsMakesEachFrameOnce() {
        List<Numbered> f = frames(6);
        for (int i = 1; i < f.size(); i++) {
            LastTwoFrames.Pair<String> p = cache.get(f.get(i - 1), f.get(i), this::make);
            assertEquals("v" + (i - 1), p.earlier());
            assertEquals("v" + i, p.current());
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), made);
        assertEquals(List.of("v0", "v1", "v2", "v3"), released);
    }

    @Test
    void aKeyFrameIsMadeOnceForItsInterval() {
        List<Numbered> f = frames(5);
        for (int i = 1; i < f.size(); i++) {
            assertEquals("v0", cache.get(f.get(0), f.get(i), this::make).earlier());
        }
        assertEquals(List.of(0, 1, 2, 3, 4), made);
        // a new key frame then chains from it
        cache.get(f.get(4), f.get(1), this::make);
        assertEquals(List.of(0, 1, 2, 3, 4, 1), made);
    }

    @Test
    void theSameFrameTwiceIsMadeOnce() {
        Numbered a = new Numbered(7);
        LastTwoFrames.Pair<String> p = cache.get(a, a, this::make);
        assertSame(p.earlier(), p.current());
        assertEquals(List.of(7), made);
    }

    @Test
    void closeReleasesWhatItHolds() {
        List<Numbered> f = frames(2);
        cache.get(f.get(0), f.get(1), this::make);
        cache.close();
        assertEquals(List.of("v0", "v1"), released.stream().sorted().toList());
        cache.get(f.get(0), f.get(1), this::make);
        assertEquals(List.of(0, 1, 0, 1), made); // nothing kept after close
    }
}
