package org.gstdff.engine;

/** A flow field and its scale field from the flow network, owned by the model layer. Close exactly once. */
public interface FlowField extends AutoCloseable {

    @Override
    void close();
}
