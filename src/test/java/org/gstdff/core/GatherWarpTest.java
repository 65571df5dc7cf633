package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class GatherWarpTest {

    @Test
    void equalsTheReferenceIncludingBordersAndScale() {
        int h = 9;
        int w = 11;
        int c = 5;
        Random rnd = new Random(7);
        float[] key = new float[h * w * c];
        float[] scale = new float[h * w * c];
        float[] flow = new float[h * w * 2];
        for (int i = 0; i < key.length; i++) {
            key[i] = rnd.nextFloat() * 2 - 1;
            scale[i] = 0.5f + rnd.nextFloat();
        }
        for (int i = 0; i < flow.length; i++) {
            flow[i] = (rnd.nextFloat() - 0.5f) * 8; // many samples fall partly or wholly outside the map
        }
        flow[0] = -100; // far outside
        flow[2] = 1; // exactly on a pixel centre
        flow[3] = 0;
        float[] outside = new float[c];
        for (int i = 0; i < c; i++) {
            outside[i] = -2 - i; // a head map's "nothing here" is not 0
        }
        for (boolean parallel : new boolean[] {false, true}) {
            for (float[] s : new float[][] {scale, null}) {
                for (float[] o : new float[][] {null, outside}) {
                    float[] expected = ReferenceWarp.warp(key, flow, s, o, h, w, c);
                    float[] outArray = new float[h * w * c];
                    GatherWarp.warp(key, flow, s, o, outArray, h, w, c, parallel);
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(expected[i], outArray[i], 1e-5, "at " + i);
                    }
                }
            }
        }
        // past the border on every side the outside values come back exactly
        float[] far = new float[h * w * 2];
        java.util.Arrays.fill(far, 1000f);
        float[] out = new float[h * w * c];
        GatherWarp.warp(key, far, null, outside, out, h, w, c, false);
        assertEquals(outside[3], out[3], 0f);
    }
}
