package org.gstdff.model;

import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FrameImage;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The TensorFlow tensors behind the engine's handles, for code that feeds them to graphs of its own (training).
 * Borrowed unless said otherwise: valid while the handle is open, closed by it.
 */
public final class TfTensors {

    static {
        TensorFlowNatives.load(); // quietly, before any TensorFlow class needs the library
    }

    private TfTensors() {
    }

    public static TUint8 image(FrameImage image) {
        return ((TfFrameImage) image).tensor();
    }

    public static TFloat32 features(FeatureMap map) {
        return ((TfFeatureMap) map).tensor();
    }

    /**
     * A new uint8 [n,h,w,3] tensor holding n packed RGB frames of {@code w x h}, in order; owned by the caller, who
     * closes it.
     */
    public static TUint8 images(java.util.List<byte[]> frames, int w, int h) {
        TUint8 t = TUint8.tensorOf(Shape.of(frames.size(), h, w, 3));
        java.nio.ByteBuffer b = TensorMemory.bytes(t);
        for (byte[] f : frames) {
            if (f.length != w * h * 3) {
                t.close();
                throw new IllegalArgumentException("a frame of " + f.length + " bytes is not packed RGB " + w + "x"
                        + h + " (" + w * h * 3 + ")");
            }
            b.put(f);
        }
        return t;
    }

    /** A copy of a float tensor's values in row-major order. */
    public static float[] read(TFloat32 t) {
        java.nio.FloatBuffer b = TfFeatureMap.floats(t);
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    /** A new [1,h,w,2] tensor holding the flow vectors; owned by the caller, who closes it. */
    public static TFloat32 flow(FlowField field) {
        TFloat32 t = TFloat32.tensorOf(Shape.of(1, field.height(), field.width(), 2));
        TfFeatureMap.floats(t).put(field.vectors());
        return t;
    }
}
