package org.gstdff.model;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the frame images and feature maps alive (each holds a native tensor), so tests and long runs can check
 * that every one is closed: the count returns to where it was once an engine is closed.
 */
public final class OpenTensors {

    private static final AtomicLong OPEN = new AtomicLong();

    private OpenTensors() {
    }

    static void opened() {
        OPEN.incrementAndGet();
    }

    static void closed() {
        OPEN.decrementAndGet();
    }

    /** Frame images and feature maps created and not yet closed, in this process. */
    public static long count() {
        return OPEN.get();
    }
}
