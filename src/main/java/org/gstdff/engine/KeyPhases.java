package org.gstdff.engine;

import java.util.BitSet;

/**
 * Process-wide key-frame phases, so that the key frames of several streams do not coincide: each stream takes the
 * lowest free slot, and slot i's phase is the fractional part of i times the golden ratio, which spreads any number
 * of streams evenly over the interval without knowing how many will come (0, 0.62, 0.24, 0.85, 0.47, ...).
 */
public final class KeyPhases {

    private static final double GOLDEN = 0.6180339887498949;
    private static final BitSet TAKEN = new BitSet();

    private KeyPhases() {
    }

    /** Takes a slot; give it back with {@link #leave}. */
    public static synchronized int join() {
        int slot = TAKEN.nextClearBit(0);
        TAKEN.set(slot);
        return slot;
    }

    public static synchronized void leave(int slot) {
        TAKEN.clear(slot);
    }

    /** The phase of a slot, a fraction of the interval in [0, 1). */
    public static double phase(int slot) {
        double x = slot * GOLDEN;
        return x - Math.floor(x);
    }
}
