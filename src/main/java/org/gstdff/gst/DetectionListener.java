package org.gstdff.gst;

import org.gstdff.core.FrameResult;

/**
 * Receives each frame's result from a {@code dff} element, on the streaming thread, right after the metadata was
 * attached. Keep it short (queue work elsewhere): the stream waits for it. An exception thrown here is logged and
 * does not stop the stream.
 */
@FunctionalInterface
public interface DetectionListener {

    /**
     * @param ptsNs the buffer's presentation timestamp in nanoseconds (-1 when it has none)
     */
    void onFrame(DffElement element, long ptsNs, FrameResult result);
}
