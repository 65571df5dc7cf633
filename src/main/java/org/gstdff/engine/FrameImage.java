package org.gstdff.engine;

/** A frame's pixels in the form the networks take, owned by the model layer. Close exactly once. */
public interface FrameImage extends AutoCloseable {

    int width();

    int height();

    @Override
    void close();
}
