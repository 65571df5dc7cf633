package org.gstdff.engine;

/**
 * F and W: estimates flow (current to key) and the scale field, and warps the key frame's features to the
 * current frame. The result is a new map; the key map is not changed.
 */
public interface FlowNet {

    FeatureMap propagate(FeatureMap keyFeatures, FrameImage keyImage, FrameImage current);
}
