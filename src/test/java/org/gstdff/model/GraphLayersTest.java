package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** The frame input the project's own graphs share. */
class GraphLayersTest {

    /** The normalised input, and the same frame cast to float before the resize (the old graph), as flat arrays. */
    private static float[][] normalisedBothWays(byte[] rgb, int h, int w, int outW, int outH) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TUint8> image = GraphLayers.imageInput(tf, "image");
            Operand<TFloat32> direct = GraphLayers.normalisedInput(tf, image, outW, outH);
            Operand<TFloat32> castFirst = tf.math.mul(tf.image.resizeBilinear(tf.dtypes.cast(image, TFloat32.class),
                    tf.constant(new int[] {outH, outW})), tf.constant(1f / 255f));
            try (Session s = new Session(g); TUint8 t = TUint8.tensorOf(Shape.of(1, h, w, 3))) {
                t.asRawTensor().data().write(rgb);
                try (Result r = s.runner().feed(image, t).fetch(direct).fetch(castFirst).run()) {
                    assertEquals(Shape.of(1, outH, outW, 3), r.get(0).shape());
                    return new float[][] {TfTensors.read((TFloat32) r.get(0)), TfTensors.read((TFloat32) r.get(1))};
                }
            }
        }
    }

    @Test
    void resizingTheUint8FrameGivesTheValuesOfCastingItFirstToTheBit() {
        int h = 57;
        int w = 75;
        byte[] rgb = new byte[h * w * 3];
        new Random(11).nextBytes(rgb);
        float[][] both = normalisedBothWays(rgb, h, w, 32, 24);
        assertArrayEquals(both[1], both[0], 0f);
    }

    @Test
    void aRampIsSampledAtTheLegacyBilinearPositionsAndScaledToOne() {
        // value 30 * x in every channel: halving the width samples x = 0, 2, 4, 6 (src = dst * in / out)
        int h = 2;
        int w = 8;
        byte[] rgb = new byte[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) (30 * x);
                }
            }
        }
        float[] got = normalisedBothWays(rgb, h, w, 4, 1)[0];
        float[] want = new float[12];
        for (int x = 0; x < 4; x++) {
            for (int c = 0; c < 3; c++) {
                want[x * 3 + c] = 60 * x / 255f;
            }
        }
        assertArrayEquals(want, got, 1e-6f);
    }
}
