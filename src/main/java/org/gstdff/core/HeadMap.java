package org.gstdff.core;

/**
 * A detection head's dense output map ({@code [h][w][c]}: class logits first, then box channels) as a decoder reads
 * it: cell by cell, with the classes that may reach the map's floor at each cell (a sparse index made once per key
 * frame), so that a decoder reads only what can hold a detection. Implemented by a computed map ({@link
 * DenseHeadMap}) and by a key frame's map seen through a flow field ({@link WarpedHeadMap}), which samples only the
 * cells that are read.
 */
public interface HeadMap {

    int width();

    int height();

    /** Channels per cell. */
    int channels();

    /** The leading channels that are class logits. */
    int classes();

    /** The class logit below which {@link #candidates} leaves classes out. */
    float floor();

    /**
     * The classes that may reach the floor at a cell (a superset: none left out may reach it), into {@code out}
     * (room for {@link #classes()}); returns how many.
     */
    int candidates(int cell, int[] out);

    /** Channel {@code ch} at a cell. */
    float value(int cell, int ch);

    /**
     * The score a peak at this cell reports for a class: its value, or for a warped map the largest of the values
     * the sample blends (a bilinear sample between grid cells flattens a peak; the source peak's own height is
     * the better estimate of the object's score).
     */
    default float peak(int cell, int ch) {
        return value(cell, ch);
    }

    /** Channels {@code [from, to)} at a cell into {@code out[0 .. to - from)}. */
    void values(int cell, int from, int to, float[] out);
}
