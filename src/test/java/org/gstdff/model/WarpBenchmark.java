package org.gstdff.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.GatherWarp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The warp of the default set's stride-4 map (128x128x128) with a small random flow: the TensorFlow graph
 * ({@link FeatureWarp}) against the single-pass gather ({@link GatherWarp}) writing into a new tensor.
 * {@code ./dff jmh WarpBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WarpBenchmark {

    @Param({"128"})
    int size;

    @Param({"128"})
    int channels;

    private Graph graph;
    private Session session;
    private TFloat32 key;
    private TFloat32 flow;
    private TFloat32 scale;

    @Setup(Level.Trial)
    public void setUp() {
        graph = new Graph();
        Ops tf = Ops.create(graph);
        Placeholder<TFloat32> k = tf.withName("key").placeholder(TFloat32.class);
        Placeholder<TFloat32> f = tf.withName("flow").placeholder(TFloat32.class);
        Placeholder<TFloat32> s = tf.withName("scale").placeholder(TFloat32.class);
        tf.withName("warped").identity(FeatureWarp.warp(tf, k, f, s));
        session = new Session(graph);
        Random rnd = new Random(1);
        key = TFloat32.tensorOf(Shape.of(1, size, size, channels));
        flow = TFloat32.tensorOf(Shape.of(1, size, size, 2));
        scale = TFloat32.tensorOf(Shape.of(1, size, size, channels));
        FloatBuffer kb = floats(key);
        for (int i = 0; i < kb.capacity(); i++) {
            kb.put(i, rnd.nextFloat());
        }
        FloatBuffer fb = floats(flow);
        for (int i = 0; i < fb.capacity(); i++) {
            fb.put(i, (rnd.nextFloat() - 0.5f) * 6);
        }
        FloatBuffer sb = floats(scale);
        for (int i = 0; i < sb.capacity(); i++) {
            sb.put(i, 1f);
        }
    }

    static FloatBuffer floats(TFloat32 t) {
        return TensorMemory.bytes(t).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        key.close();
        flow.close();
        scale.close();
        session.close();
        graph.close();
    }

    @Benchmark
    public long tensorflowGraph() {
        try (var r = session.runner().feed("key", key).feed("flow", flow).feed("scale", scale).fetch("warped").run()) {
            return r.get(0).shape().size();
        }
    }

    private float[] keyArray;
    private float[] outArray;
    private float[] flowArray;
    private float[] scaleArray;

    /**
     * As {@code MapWarp} does it: the key map copied to an array once (per key frame), the flow and scale read out of
     * the flow network's result, the output array copied into a new tensor.
     */
    private long gather(boolean parallel) {
        if (keyArray == null) {
            keyArray = new float[(int) key.shape().size()];
            floats(key).get(keyArray);
            outArray = new float[keyArray.length];
            flowArray = new float[(int) flow.shape().size()];
            floats(flow).get(flowArray);
            scaleArray = new float[(int) scale.shape().size()];
            floats(scale).get(scaleArray);
        }
        try (TFloat32 out = TFloat32.tensorOf(Shape.of(1, size, size, channels))) {
            GatherWarp.warp(keyArray, flowArray, scaleArray, null, outArray, size, size, channels, parallel);
            floats(out).put(outArray);
            return out.shape().size();
        }
    }

    @Benchmark
    public long gatherSerial() {
        return gather(false);
    }

    @Benchmark
    public long gatherParallel() {
        return gather(true);
    }
}
