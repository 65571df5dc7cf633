package org.gstdff.core;

/**
 * Per-cell weights for fitting a teacher's flow on real footage, where the moving cells (the walkers) are a few
 * percent of the frame: the visible cells the teacher sees moving get a fixed share of the total weight (half: as
 * much as the visible still ones), so the fit is not won on the background. The weights sum to the number of visible
 * cells, as the plain visibility mask does, so the loss keeps its scale; with no moving or no still cell they are
 * that mask.
 */
public final class MotionBalance {

    private MotionBalance() {
    }

    /**
     * @param flow        the teacher's flow, {@code visible.length * 2} floats (dx, dy) in cells
     * @param visible     1 where the cell counts (the teacher passes its own check), 0 where not
     * @param movingAbove a cell moves where the teacher's magnitude exceeds this, in cells
     * @param movingShare the moving cells' share of the total weight, in (0, 1)
     * @return one weight per cell
     */
    public static float[] weights(float[] flow, float[] visible, double movingAbove, double movingShare) {
        if (!(movingShare > 0 && movingShare < 1)) {
            throw new IllegalArgumentException("the moving cells' share is in (0, 1), got " + movingShare);
        }
        if (flow.length != 2 * visible.length) {
            throw new IllegalArgumentException("flow has " + flow.length + " values for " + visible.length
                    + " cells: expected " + 2 * visible.length);
        }
        boolean[] moving = new boolean[visible.length];
        double seen = 0;
        int movingCount = 0;
        for (int p = 0; p < visible.length; p++) {
            seen += visible[p];
            moving[p] = visible[p] > 0 && Math.hypot(flow[2 * p], flow[2 * p + 1]) > movingAbove;
            movingCount += moving[p] ? 1 : 0;
        }
        int stillCount = 0;
        for (int p = 0; p < visible.length; p++) {
            stillCount += visible[p] > 0 && !moving[p] ? 1 : 0;
        }
        float[] w = visible.clone();
        if (movingCount == 0 || stillCount == 0) {
            return w;
        }
        float movingWeight = (float) (seen * movingShare / movingCount);
        float stillWeight = (float) (seen * (1 - movingShare) / stillCount);
        for (int p = 0; p < w.length; p++) {
            if (visible[p] > 0) {
                w[p] = moving[p] ? movingWeight : stillWeight;
            }
        }
        return w;
    }
}
