package org.gstdff.model;

import org.gstdff.engine.FeatureMap;
import org.tensorflow.types.TFloat32;

/** A float32 [1,h,w,C] feature tensor. */
final class TfFeatureMap implements FeatureMap {

    private final TFloat32 tensor;

    TfFeatureMap(TFloat32 tensor) {
        this.tensor = tensor;
    }

    TFloat32 tensor() {
        return tensor;
    }

    @Override
    public void close() {
        tensor.close();
    }
}
