package org.gstdff.engine;

import java.util.List;

import org.gstdff.core.Detection;

/** N_task: the detection head, run on every frame's (real or propagated) features. */
public interface TaskNet {

    /** All candidate detections, highest score first, boxes in pixels of a {@code width x height} frame. */
    List<Detection> detect(FeatureMap features, int width, int height);
}
