package org.gstdff.model;

import java.util.List;
import java.util.Random;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/** Graph-building helpers shared by the model sets the project makes itself. */
public final class GraphLayers {

    static {
        TensorFlowNatives.load(); // quietly, before any TensorFlow class needs the library
    }

    private GraphLayers() {
    }

    /** The contract's frame input: a uint8 [1,H,W,3] placeholder of any size, named {@code name}. */
    public static Placeholder<TUint8> imageInput(Ops tf, String name) {
        return tf.withName(name).placeholder(TUint8.class, Placeholder.shape(Shape.of(1, -1, -1, 3)));
    }

    /**
     * uint8 [1,H,W,3] of any size to float [1,height,width,3] in [0,1], bilinear resize in the graph. The uint8 frame
     * is resized as it is (the op reads it as floats, the same values to the bit as casting first): casting the whole
     * frame first cost ~0.9 ms of a 768x576 frame on 2 cores, twice per flow call.
     */
    public static Operand<TFloat32> normalisedInput(Ops tf, Operand<TUint8> image, int width, int height) {
        Operand<TFloat32> resized = tf.image.resizeBilinear(image, tf.constant(new int[] {height, width}));
        return tf.math.mul(resized, tf.constant(1f / 255f));
    }

    /** A constant filled with He-scaled normal values (std * sqrt(2 / fan_in)). */
    public static Operand<TFloat32> randomWeights(Ops tf, Random rnd, double gain, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        long fanIn = shape.length == 4 ? shape[0] * shape[1] * shape[2] : shape[0];
        double std = gain * Math.sqrt(2.0 / fanIn);
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * std);
        }
        return tf.constant(Shape.of(shape), DataBuffers.of(v));
    }

    /** Conv2D (SAME padding) + bias from constants; {@code relu} applies ReLU. */
    public static Operand<TFloat32> conv(Ops tf, Operand<TFloat32> x, Operand<TFloat32> filter,
            Operand<TFloat32> bias, int stride, boolean relu) {
        Operand<TFloat32> y = tf.nn.biasAdd(tf.nn.conv2d(x, filter, List.of(1L, (long) stride, (long) stride, 1L),
                "SAME"), bias);
        return relu ? tf.nn.relu(y) : y;
    }

    /** A float constant of the given shape filled with one value. */
    public static Operand<TFloat32> filled(Ops tf, float value, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        java.util.Arrays.fill(v, value);
        return tf.constant(Shape.of(shape), DataBuffers.of(v));
    }

    /** Dimension {@code axis} of {@code x}'s runtime shape as a scalar. */
    public static Operand<TInt32> dim(Ops tf, Operand<?> x, int axis) {
        return tf.gather(tf.shape(x), tf.constant(axis), tf.constant(0));
    }
}
