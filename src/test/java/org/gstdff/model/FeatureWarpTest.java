package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.gstdff.core.ReferenceWarp;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The graph warp against the direct reference formula, borders and out-of-map flows included. */
class FeatureWarpTest {

    static float[] warpInGraph(float[] key, float[] flow, float[] scale, int h, int w, int c) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> k = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> f = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> s = tf.placeholder(TFloat32.class);
            var out = FeatureWarp.warp(tf, k, f, s);
            try (Session ses = new Session(g);
                    TFloat32 kt = TFloat32.tensorOf(Shape.of(1, h, w, c), DataBuffers.of(key));
                    TFloat32 ft = TFloat32.tensorOf(Shape.of(1, h, w, 2), DataBuffers.of(flow));
                    TFloat32 st = TFloat32.tensorOf(Shape.of(1, h, w, c), DataBuffers.of(scale));
                    Result r = ses.runner().feed(k, kt).feed(f, ft).feed(s, st).fetch(out).run()) {
                float[] res = new float[h * w * c];
                ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(res);
                return res;
            }
        }
    }

    @Test
    void matchesReferenceOnRandomFlowsIncludingBorders() {
        Random rnd = new Random(3);
        int h = 7;
        int w = 9;
        int c = 5;
        float[] key = new float[h * w * c];
        float[] scale = new float[h * w * c];
        float[] flow = new float[h * w * 2];
        for (int i = 0; i < key.length; i++) {
            key[i] = (float) rnd.nextGaussian();
            scale[i] = 0.5f + rnd.nextFloat();
        }
        for (int i = 0; i < flow.length; i++) {
            // up to 3 px either way: many samples land partly or wholly outside the 9x7 map
            flow[i] = rnd.nextFloat() * 6 - 3;
        }
        flow[0] = 0.5f; // exactly half a pixel
        flow[1] = -1f; // exactly on the border row
        float[] want = ReferenceWarp.warp(key, flow, scale, h, w, c);
        float[] got = warpInGraph(key, flow, scale, h, w, c);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5, "element " + i);
        }
    }
}
