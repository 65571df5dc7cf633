package org.gstdff.model;

import org.gstdff.engine.FlowField;
import org.tensorflow.Result;
import org.tensorflow.Tensor;

/** The flow network's two outputs (flow [1,h,w,2], scale [1,h,w,C]), held in the session's result. */
final class TfFlowField implements FlowField {

    private final Result result;
    private boolean closed;

    TfFlowField(Result result) {
        this.result = result;
        OpenTensors.opened();
    }

    Tensor flow() {
        return result.get(0);
    }

    Tensor scale() {
        return result.get(1);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            result.close();
            OpenTensors.closed();
        }
    }
}
