package org.gstdff.engine;

/** A feature map produced by the feature network or by propagation, owned by the model layer. Close exactly once. */
public interface FeatureMap extends AutoCloseable {

    @Override
    void close();
}
