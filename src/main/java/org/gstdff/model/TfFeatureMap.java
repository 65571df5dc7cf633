package org.gstdff.model;

import org.gstdff.engine.FeatureMap;
import org.tensorflow.types.TFloat32;

/** A float32 [1,h,w,C] feature tensor. */
final class TfFeatureMap implements FeatureMap {

    private final TFloat32 tensor;

    TfFeatureMap(TFloat32 tensor) {
        this.tensor = tensor;
        OpenTensors.opened();
    }

    TFloat32 tensor() {
        return tensor;
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            tensor.close();
            OpenTensors.closed();
        }
    }
}
