package org.gstdff.model;

import org.gstdff.engine.FrameImage;
import org.tensorflow.types.TUint8;

/** A frame as a uint8 [1,H,W,3] RGB tensor. */
final class TfFrameImage implements FrameImage {

    private final TUint8 tensor;
    private final int width;
    private final int height;

    TfFrameImage(TUint8 tensor, int width, int height) {
        this.tensor = tensor;
        OpenTensors.opened();
        this.width = width;
        this.height = height;
    }

    TUint8 tensor() {
        return tensor;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            tensor.close();
            OpenTensors.closed();
        }
    }
}
