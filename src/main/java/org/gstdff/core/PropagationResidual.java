package org.gstdff.core;

/**
 * How well the key frame, moved by the flow, explains the current frame: per cell of a {@link LuminanceGrid} the
 * difference between the current brightness and the key frame's brightness where the flow says the cell came from.
 * Where the flow is right and nothing new appeared it is small (sensor noise and compression: about one grey level
 * right after a key frame); people walking in, out of an occlusion or turning, and flow that lost them, raise it.
 * Most cells changed tells a scene cut.
 *
 * @param share the fraction of cells whose difference exceeds {@link #CELL_THRESHOLD}
 * @param mean  the mean absolute difference, 0..255
 */
public record PropagationResidual(double share, double mean) {

    /** A cell counts as changed above this difference (grey levels, 0..255): above sensor noise and compression. */
    public static final float CELL_THRESHOLD = 20f;

    /**
     * @param key     the key frame's grid
     * @param current the current frame's grid (same size)
     * @param flow    {@code gw*gh*2} floats (dx, dy) in flow-grid cells, current frame to key frame; null: no motion
     * @param gw      the flow grid's width (the flow grid and the luminance grid cover the same frame)
     */
    public static PropagationResidual of(LuminanceGrid key, LuminanceGrid current, float[] flow, int gw, int gh) {
        int w = current.width();
        int h = current.height();
        if (key.width() != w || key.height() != h) {
            throw new IllegalArgumentException("key grid " + key.width() + "x" + key.height() + ", current " + w + "x"
                    + h);
        }
        if (flow != null && flow.length != gw * gh * 2) {
            throw new IllegalArgumentException("flow of " + flow.length + " floats for a " + gw + "x" + gh + " grid");
        }
        float[] k = key.values();
        float[] c = current.values();
        BilinearTap t = new BilinearTap();
        float fx = flow == null ? 0 : (float) w / gw; // flow-grid cells to luminance cells
        float fy = flow == null ? 0 : (float) h / gh;
        int changed = 0;
        double sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float dx = 0;
                float dy = 0;
                if (flow != null) {
                    // the flow at this cell's centre, on the flow grid (positions index cell centres on both grids)
                    int gx = Math.min(gw - 1, (int) ((x + 0.5f) * gw / w));
                    int gy = Math.min(gh - 1, (int) ((y + 0.5f) * gh / h));
                    dx = flow[2 * (gy * gw + gx)] * fx;
                    dy = flow[2 * (gy * gw + gx) + 1] * fy;
                }
                float sx = Math.min(w - 1, Math.max(0, x + dx));
                float sy = Math.min(h - 1, Math.max(0, y + dy));
                float d = Math.abs(c[y * w + x] - t.at(sx, sy, w, h).sample(k, 1, 0, null));
                sum += d;
                if (d > CELL_THRESHOLD) {
                    changed++;
                }
            }
        }
        return new PropagationResidual((double) changed / (w * h), sum / (w * h));
    }
}
