package org.gstdff.engine;

/**
 * A flow field as Java arrays: vectors (dx, dy) in feature-map pixels, current frame to key frame, and optionally a
 * scale field. What DIS and the flow network's results are copied into (the warp and the box tracker read them in
 * Java) and what the engine composes chained flows into. Holds nothing native.
 */
public final class VectorField implements FlowField {

    private final float[] vectors;
    private final float[] scale;
    private final int width;
    private final int height;

    /** A flow with no scale field (1 everywhere). */
    public VectorField(float[] vectors, int width, int height) {
        this(vectors, null, width, height);
    }

    /**
     * @param vectors {@code width*height*2} floats, not copied
     * @param scale   {@code width*height*C} floats, or null for 1 everywhere
     */
    public VectorField(float[] vectors, float[] scale, int width, int height) {
        if (vectors.length != width * height * 2) {
            throw new IllegalArgumentException("flow holds " + vectors.length + " floats, a " + width + "x" + height
                    + " grid needs " + width * height * 2);
        }
        this.vectors = vectors;
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
        return vectors;
    }

    @Override
    public boolean hasScale() {
        return scale != null;
    }

    /** The scale field, or null for 1 everywhere. */
    public float[] scale() {
        return scale;
    }

    @Override
    public void close() {
        // plain arrays
    }
}
