package org.gstdff.eval;

/**
 * How well a flow field follows a reference flow (OpenCV DIS in {@code ./dff flow-check}) where things move: over
 * the cells whose reference motion is above a threshold, the mean reference magnitude, the mean magnitude of the
 * flow under test, its mean component along the reference direction (how much of the motion it recovers) and the
 * mean end-point error; and over the cells the reference sees as still, the test flow's mean magnitude (false
 * motion). Accumulates over frame pairs. Flows are interleaved (dx, dy) per cell.
 */
public final class FlowAgreement {

    /** What was accumulated; {@code recovered} = along / reference magnitude. */
    public record Summary(long movingCells, double referenceMagnitude, double magnitude, double along, double epe,
            long stillCells, double stillMagnitude) {
        public double recovered() {
            return referenceMagnitude == 0 ? Double.NaN : along / referenceMagnitude;
        }
    }

    private final double movingAbove;
    private final double stillBelow;
    private long moving;
    private double refMag;
    private double mag;
    private double along;
    private double epe;
    private long still;
    private double stillMag;

    /**
     * @param movingAbove a cell moves where the reference magnitude exceeds this (feature px)
     * @param stillBelow  a cell is still where it is below this
     */
    public FlowAgreement(double movingAbove, double stillBelow) {
        if (stillBelow > movingAbove) {
            throw new IllegalArgumentException("still threshold " + stillBelow + " above moving threshold "
                    + movingAbove);
        }
        this.movingAbove = movingAbove;
        this.stillBelow = stillBelow;
    }

    public void add(float[] flow, float[] reference) {
        if (flow.length != reference.length || flow.length % 2 != 0) {
            throw new IllegalArgumentException("flow has " + flow.length + " values, reference " + reference.length
                    + ": expected the same even count");
        }
        for (int i = 0; i < flow.length; i += 2) {
            double r = Math.hypot(reference[i], reference[i + 1]);
            double m = Math.hypot(flow[i], flow[i + 1]);
            if (r > movingAbove) {
                moving++;
                refMag += r;
                mag += m;
                along += (flow[i] * reference[i] + flow[i + 1] * reference[i + 1]) / r;
                epe += Math.hypot(flow[i] - reference[i], flow[i + 1] - reference[i + 1]);
            } else if (r < stillBelow) {
                still++;
                stillMag += m;
            }
        }
    }

    public Summary summary() {
        double n = Math.max(1, moving);
        return new Summary(moving, refMag / n, mag / n, along / n, epe / n, still, stillMag / Math.max(1, still));
    }
}
