package org.gstdff.model;

import java.nio.ByteOrder;

import org.gstdff.core.DenseHeadMap;
import org.gstdff.core.PeakDecoder;
import org.gstdff.engine.FeatureMap;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A float32 [1,h,w,C] feature map: a tensor from a network, with its values copied into a Java array the first time
 * Java code reads them (the warp, the head-map decoder), once per map.
 */
final class TfFeatureMap implements FeatureMap {

    private final TFloat32 tensor;
    private final Shape shape;
    private float[] array;
    private DenseHeadMap head;
    private boolean closed;

    TfFeatureMap(TFloat32 tensor) {
        this.tensor = tensor;
        this.shape = tensor.shape();
        OpenTensors.opened();
    }

    /** A map made in Java: its tensor holds a copy of {@code values}. */
    static TfFeatureMap of(float[] values, Shape shape) {
        TFloat32 t = TFloat32.tensorOf(shape);
        floats(t).put(values);
        return new TfFeatureMap(t);
    }

    TFloat32 tensor() {
        return tensor;
    }

    Shape shape() {
        return shape;
    }

    int height() {
        return (int) shape.get(1);
    }

    int width() {
        return (int) shape.get(2);
    }

    int channels() {
        return (int) shape.get(3);
    }

    /** The values, read from the tensor once; read-only by contract. */
    synchronized float[] array() {
        if (array == null) {
            array = new float[(int) shape.size()];
            floats(tensor).get(array);
        }
        return array;
    }

    /** The map as a detection head's output, indexed for a decoder's floor once (one pass). */
    synchronized DenseHeadMap headMap(int classes, float[] outside, PeakDecoder.Config decode) {
        if (head == null) {
            head = new DenseHeadMap(array(), height(), width(), channels(), classes, outside, decode.indexFloor());
        }
        return head;
    }

    static java.nio.FloatBuffer floats(TFloat32 t) {
        return TensorMemory.bytes(t).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            tensor.close();
            array = null;
            head = null;
            OpenTensors.closed();
        }
    }
}
