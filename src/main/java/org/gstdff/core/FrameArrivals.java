package org.gstdff.core;

import java.util.ArrayDeque;

/**
 * Frames that entered a bounded, possibly leaky queue and have not left it yet, by timestamp. When a frame leaves,
 * the frames that entered before it and never left were dropped by the queue; they are counted here, and a
 * discontinuity one of them carried passes on to the frame that leaves (a leaky queue marks every frame after a
 * drop as a discontinuity itself, which is not one for the stream). Timestamps need not be unique or present: a
 * frame without one (-1) matches the oldest entry. Thread-safe.
 */
public final class FrameArrivals {

    /** More waiting entries than any queue holds means frames leave without entering: forget the oldest. */
    static final int CAPACITY = 4096;

    /** When a frame entered and whether the stream was discontinuous at it (or at a dropped frame before it). */
    public record Arrival(long nanos, boolean discontinuity) {
    }

    private record Entry(long pts, long nanos, boolean discontinuity) {
    }

    private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
    private long dropped;

    public synchronized void arrived(long pts, long nanos, boolean discontinuity) {
        if (waiting.size() >= CAPACITY) {
            waiting.pollFirst();
        }
        waiting.addLast(new Entry(pts, nanos, discontinuity));
    }

    /**
     * The frame with timestamp {@code pts} leaves the queue.
     *
     * @return when it arrived, or null when it was not seen arriving
     */
    public synchronized Arrival leaving(long pts) {
        if (pts == -1) {
            Entry head = waiting.pollFirst();
            return head == null ? null : new Arrival(head.nanos(), head.discontinuity());
        }
        if (waiting.stream().noneMatch(e -> e.pts() == pts)) {
            return null;
        }
        boolean discont = false;
        while (true) {
            Entry head = waiting.pollFirst();
            discont |= head.discontinuity();
            if (head.pts() == pts) {
                return new Arrival(head.nanos(), discont);
            }
            dropped++;
        }
    }

    /** After a flush: the waiting frames were discarded on purpose, not dropped. */
    public synchronized void clear() {
        waiting.clear();
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized int waiting() {
        return waiting.size();
    }
}
