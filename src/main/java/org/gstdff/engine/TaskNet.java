package org.gstdff.engine;

import java.util.List;

import org.gstdff.core.Detection;

/** N_task: the detection head, run on every frame's (real or propagated) features. */
public interface TaskNet {

    /**
     * All candidate detections, highest score first, boxes in pixels of the frame.
     *
     * @param image the frame itself, for task networks whose decoding reads the input's size (TF OD API)
     */
    List<Detection> detect(FeatureMap features, FrameImage image);
}
