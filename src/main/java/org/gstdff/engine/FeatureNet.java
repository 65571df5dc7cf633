package org.gstdff.engine;

/** N_feat: the expensive network, run on key frames only. */
public interface FeatureNet {

    FeatureMap extract(FrameImage image);
}
