package org.gstdff.model;

import org.gstdff.engine.FrameImage;
import org.tensorflow.types.TFloat32;

/**
 * The flow network's inputs ({@link ModelContract#FLOW_IMAGE_INPUT}) of a stream's last two frames, kept by frame
 * identity as {@link LastTwoFrames} keeps grey images: copies in tensors owned here, reused from frame to frame. Not
 * thread-safe (one per stream, used under its owner's lock); close it to free the tensors.
 */
final class FlowInputs implements AutoCloseable {

    private final FrameImage[] owner = new FrameImage[2];
    private final TFloat32[] value = new TFloat32[2];

    /** The frame's input, or null when it is not kept; valid until the next {@link #keep}. */
    TFloat32 of(FrameImage frame) {
        int i = slotOf(frame);
        return i < 0 ? null : value[i];
    }

    /**
     * After a run on a pair: keeps the key frame's input (made in the run, or null where it was fed from here) and
     * the current frame's, which replaces whatever the pair does not use. The tensors given are copied, not kept.
     */
    void keep(FrameImage key, TFloat32 keyMade, FrameImage current, TFloat32 currentMade) {
        int k = slotOf(key);
        if (k < 0) {
            if (keyMade == null) {
                throw new IllegalStateException("the key frame's flow input was neither kept nor made");
            }
            k = slotOf(current) == 0 ? 1 : 0;
            store(k, key, keyMade);
        }
        if (current != key) {
            store(1 - k, current, currentMade);
        }
    }

    private int slotOf(FrameImage frame) {
        return owner[0] == frame ? 0 : owner[1] == frame ? 1 : -1;
    }

    private void store(int slot, FrameImage frame, TFloat32 made) {
        owner[slot] = null; // until the copy is complete
        TFloat32 t = value[slot];
        if (t == null || !t.shape().equals(made.shape())) {
            if (t != null) {
                t.close();
                value[slot] = null;
            }
            t = TFloat32.tensorOf(made.shape());
            value[slot] = t;
        }
        made.copyTo(t);
        owner[slot] = frame;
    }

    @Override
    public void close() {
        for (int i = 0; i < 2; i++) {
            owner[i] = null;
            if (value[i] != null) {
                value[i].close();
                value[i] = null;
            }
        }
    }
}
