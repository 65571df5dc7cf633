package org.gstdff.engine;

import org.gstdff.core.Frame;

/** Copies a frame (at most once) into the networks' input form. */
public interface FrameIngest {

    FrameImage ingest(Frame frame);
}
