package org.gstdff.engine;

/** A flow field and its scale field from the flow network, owned by the model layer. Close exactly once. */
public interface FlowField extends AutoCloseable {

    /** Grid width: the flow has one vector per feature-map position. */
    int width();

    int height();

    /**
     * The flow vectors, {@code width*height*2} floats (dx, dy) in feature-map pixels, current frame to key frame;
     * read-only, valid until closed.
     */
    float[] vectors();

    /** Whether a scale field other than 1 comes with the flow (such a flow is not chained: scales do not compose). */
    default boolean hasScale() {
        return false;
    }

    @Override
    void close();
}
