package org.gstdff.model;

import org.gstdff.engine.FlowField;
import org.tensorflow.Tensor;

/** A flow field [1,h,w,2] and its scale field [1,h,w,C] (null: all ones), closed with their owner. */
final class TfFlowField implements FlowField {

    private final Tensor flow;
    private final Tensor scale;
    private final AutoCloseable owner;
    private boolean closed;

    /** @param owner what holds the tensors (a session result, or the flow tensor itself) */
    TfFlowField(Tensor flow, Tensor scale, AutoCloseable owner) {
        this.flow = flow;
        this.scale = scale;
        this.owner = owner;
        OpenTensors.opened();
    }

    Tensor flow() {
        return flow;
    }

    /** The scale field, or null for 1 everywhere. */
    Tensor scale() {
        return scale;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing a flow field: " + e, e);
            }
            OpenTensors.closed();
        }
    }
}
