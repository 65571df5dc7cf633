package org.gstdff.model;

import java.util.function.Consumer;
import java.util.function.Function;

import org.gstdff.engine.FrameImage;

/**
 * Something made from each of a stream's last two frames (a grey image, say), kept by frame identity: a key frame's is
 * made once for its whole interval, and a chain of consecutive pairs makes each frame's once. Not thread-safe (one per
 * stream, used under its owner's lock); close it to release what it holds.
 * <p>
 * Asked for a pair at a time, so what a new frame replaces is the entry the pair does not use, whichever of the two
 * is asked for first (a least-recently-used pick evicted the frame the next link starts from when the current frame
 * was asked for before the earlier one: every grey image was made twice).
 */
final class LastTwoFrames<T> implements AutoCloseable {

    /** The values of a pair of frames. */
    record Pair<T>(T earlier, T current) {
    }

    private final Consumer<T> release;
    private final FrameImage[] owner = new FrameImage[2];
    private final Object[] value = new Object[2];

    /** @param release frees a value that leaves the cache (nothing for plain arrays) */
    LastTwoFrames(Consumer<T> release) {
        this.release = release;
    }

    /** The values for the two frames, from the cache or made now; afterwards the cache holds these two. */
    @SuppressWarnings("unchecked")
    Pair<T> get(FrameImage earlier, FrameImage current, Function<FrameImage, T> make) {
        int e = slotOf(earlier);
        if (e < 0) {
            e = fill(otherThan(slotOf(current)), earlier, make);
        }
        int c = slotOf(current); // after the fill: the same frame twice is made once
        if (c < 0) {
            c = fill(1 - e, current, make);
        }
        return new Pair<>((T) value[e], (T) value[c]);
    }

    private int slotOf(FrameImage frame) {
        return owner[0] == frame ? 0 : owner[1] == frame ? 1 : -1;
    }

    /** A slot other than {@code taken} (-1: none is). */
    private static int otherThan(int taken) {
        return taken == 0 ? 1 : 0;
    }

    private int fill(int slot, FrameImage frame, Function<FrameImage, T> make) {
        T made = make.apply(frame);
        drop(slot);
        value[slot] = made;
        owner[slot] = frame;
        return slot;
    }

    @SuppressWarnings("unchecked")
    private void drop(int slot) {
        if (value[slot] != null) {
            release.accept((T) value[slot]);
            value[slot] = null;
            owner[slot] = null;
        }
    }

    @Override
    public void close() {
        drop(0);
        drop(1);
    }
}
