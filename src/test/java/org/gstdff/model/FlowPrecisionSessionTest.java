package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.Frame;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FrameImage;
import org.gstdff.gst.ClipReader;
import org.gstdff.model.imports.RealModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default set's flow network in bfloat16 against float32 on real vtest frames: the rewrite takes effect (the
 * fields differ), and the field stays within a small fraction of a cell of the network's own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlowPrecisionSessionTest {

    static final int W = 768;
    static final int H = 576;

    @Test
    void bfloat16GivesTheFloat32FieldWithinAFractionOfACell() {
        List<byte[]> frames = ClipReader.read(RealModels.vtest(), W, H, 1, 6);
        float[] f32 = field(FlowPrecision.FLOAT32, frames);
        float[] bf16 = field(FlowPrecision.BFLOAT16, frames);
        assertEquals(f32.length, bf16.length);
        double diff = 0;
        double worst = 0;
        double motion = 0;
        for (int i = 0; i < f32.length; i++) {
            double d = Math.abs(f32[i] - bf16[i]);
            diff += d;
            worst = Math.max(worst, d);
            motion += Math.abs(f32[i]);
        }
        diff /= f32.length;
        motion /= f32.length;
        System.err.printf("bfloat16 against float32 over 5 frames of vtest: mean |d| %.4f cells, largest %.3f, "
                + "mean |flow| %.3f%n", diff, worst, motion);
        assertTrue(diff < 0.01 && worst < 0.2, "mean " + diff + ", largest " + worst + " cells");
        assumeTrue(FlowPrecision.AUTO.resolve() == FlowPrecision.BFLOAT16, "this CPU computes no bfloat16: "
                + "whether TensorFlow rewrites the graph anyway is not asked here");
        assertTrue(diff > 0, "the fields are the same to the bit: the rewrite did not take effect");
    }

    /** The network's field from frame 0 to frame 5 of vtest. */
    private static float[] field(FlowPrecision precision, List<byte[]> frames) {
        try (TfModelSet set = TfModelSet.load(RealModels.defaultSet(), Device.CPU, 1, 0, precision);
                FrameImage key = set.ingest().ingest(Frame.rgb(frames.get(0), W, H));
                FrameImage cur = set.ingest().ingest(Frame.rgb(frames.get(5), W, H));
                FlowField f = set.flowNetwork().estimate(key, cur)) {
            assertEquals(precision, set.flowPrecision());
            return f.vectors().clone();
        }
    }
}
