package org.gstdff.engine;

/**
 * F and W: estimates the flow field (current to key) with its scale field, and warps the key frame's features to
 * the current frame with it. Two steps so each is timed on its own; the results are new handles, the inputs are
 * not changed.
 */
public interface FlowNet {

    /** F(current, key): flow in feature-map pixels and the scale field. */
    FlowField estimate(FrameImage keyImage, FrameImage current);

    /** W(key features, flow) * scale. */
    FeatureMap warp(FeatureMap keyFeatures, FlowField flow);
}
