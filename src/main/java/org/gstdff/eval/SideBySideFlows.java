package org.gstdff.eval;

import java.util.List;

import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;

/**
 * Several flows timed on the same pairs of frames: each call estimates with every flow, the order rotated call by
 * call (so none always runs first, on caches another has just filled), times each estimate into {@link PairedTimes}
 * and returns the first flow's field (the others' are closed); the first flow warps. A stream's detections are then
 * the first flow's, and every flow keeps its own state (grey images, chains of frames) as it would alone.
 */
public final class SideBySideFlows implements FlowNet {

    private final List<FlowNet> flows;
    private final PairedTimes times;
    private long call;

    /** @param names one per flow, for the report */
    public SideBySideFlows(List<FlowNet> flows, List<String> names) {
        if (flows.size() != names.size() || flows.isEmpty()) {
            throw new IllegalArgumentException(flows.size() + " flows for " + names.size() + " names");
        }
        this.flows = List.copyOf(flows);
        this.times = new PairedTimes(names);
    }

    public PairedTimes times() {
        return times;
    }

    @Override
    public synchronized FlowField estimate(FrameImage keyImage, FrameImage current) {
        int n = flows.size();
        long[] nanos = new long[n];
        FlowField kept = null;
        try {
            for (int k = 0; k < n; k++) {
                int i = (int) ((call + k) % n);
                long start = System.nanoTime();
                FlowField f = flows.get(i).estimate(keyImage, current);
                nanos[i] = System.nanoTime() - start;
                if (i == 0) {
                    kept = f;
                } else {
                    f.close();
                }
            }
        } catch (RuntimeException e) {
            if (kept != null) {
                kept.close();
            }
            throw e;
        }
        times.add((int) (call % n), nanos);
        call++;
        return kept;
    }

    @Override
    public FeatureMap warp(FeatureMap keyFeatures, FlowField flow) {
        return flows.get(0).warp(keyFeatures, flow);
    }
}
