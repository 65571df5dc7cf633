package org.gstdff.model;

import org.gstdff.engine.FrameImage;

/** A frame with a size and nothing else: a frame's identity for caches, or a frame no network can read. */
final class BlankFrame implements FrameImage {

    @Override
    public int width() {
        return 128;
    }

    @Override
    public int height() {
        return 128;
    }

    @Override
    public void close() {
    }
}
