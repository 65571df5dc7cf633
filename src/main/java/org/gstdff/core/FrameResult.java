package org.gstdff.core;

import java.util.List;

/**
 * What the engine concluded about one frame.
 *
 * @param keyFrame       whether the feature network ran on this frame
 * @param framesSinceKey 0 on a key frame, then 1, 2, ... until the next key frame
 * @param width          frame width in pixels (the boxes' coordinate space)
 * @param height         frame height in pixels
 * @param reason         why it is a key frame; null on other frames
 */
public record FrameResult(boolean keyFrame, int framesSinceKey, int width, int height, List<Detection> detections,
        KeyReason reason) {

    public FrameResult {
        detections = List.copyOf(detections);
    }
}
