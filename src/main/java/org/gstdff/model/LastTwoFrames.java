package org.gstdff.model;

import java.util.function.Consumer;
import java.util.function.Function;

import org.gstdff.engine.FrameImage;

/**
 * Something made from each of a stream's last two frames (a grey image, say), kept by frame identity: a key frame's is
 * made once for its whole interval, and a chain of consecutive pairs makes each frame's once. Not thread-safe (one per
 * stream, used under its owner's lock); close it to release what it holds.
 */
final class LastTwoFrames<T> implements AutoCloseable {

    private final Consumer<T> release;
    private final FrameImage[] owner = new FrameImage[2];
    private final Object[] value = new Object[2];
    private int next;

    /** @param release frees a value that leaves the cache (nothing for plain arrays) */
    LastTwoFrames(Consumer<T> release) {
        this.release = release;
    }

    /** The value for {@code frame}, from the cache or made now in place of the older entry. */
    @SuppressWarnings("unchecked")
    T get(FrameImage frame, Function<FrameImage, T> make) {
        for (int i = 0; i < 2; i++) {
            if (owner[i] == frame) {
                next = 1 - i; // the other one is older now
                return (T) value[i];
            }
        }
        int slot = next;
        T made = make.apply(frame);
        drop(slot);
        value[slot] = made;
        owner[slot] = frame;
        next = 1 - slot;
        return made;
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
