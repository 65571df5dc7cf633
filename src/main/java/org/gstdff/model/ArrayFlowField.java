package org.gstdff.model;

import org.gstdff.engine.FlowField;

/**
 * A flow field (and scale field) as Java arrays: the warp and the box tracker read them in Java, so the flow
 * network's result is copied out (128x128x2 floats: ~20 us) and closed at once, and DIS never makes a tensor.
 */
final class ArrayFlowField implements FlowField {

    private final float[] flow;
    private final float[] scale;
    private final int width;
    private final int height;

    /**
     * @param flow  {@code width*height*2} floats (dx, dy), feature-map pixels, current frame to key frame
     * @param scale {@code width*height*C} floats, or null for 1 everywhere
     */
    ArrayFlowField(float[] flow, float[] scale, int width, int height) {
        if (flow.length != width * height * 2) {
            throw new IllegalArgumentException("flow holds " + flow.length + " floats, a " + width + "x" + height
                    + " grid needs " + width * height * 2);
        }
        this.flow = flow;
        this.scale = scale;
        this.width = width;
        this.height = height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public float[] vectors() {
        return flow;
    }

    @Override
    public boolean hasScale() {
        return scale != null;
    }

    /** The scale field, or null for 1 everywhere. */
    float[] scale() {
        return scale;
    }

    @Override
    public void close() {
        // plain arrays: nothing native to free
    }
}
