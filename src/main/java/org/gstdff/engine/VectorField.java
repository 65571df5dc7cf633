package org.gstdff.engine;

/** A flow field the engine computed itself (a composition of flows): Java vectors, no scale field. */
public final class VectorField implements FlowField {

    private final float[] vectors;
    private final int width;
    private final int height;

    public VectorField(float[] vectors, int width, int height) {
        if (vectors.length != width * height * 2) {
            throw new IllegalArgumentException(vectors.length + " floats for a " + width + "x" + height + " field");
        }
        this.vectors = vectors;
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
        return vectors;
    }

    @Override
    public void close() {
        // plain arrays
    }
}
