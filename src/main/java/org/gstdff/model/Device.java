package org.gstdff.model;

import java.util.Locale;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/** Where the networks run. */
public enum Device {
    /** The GPU when TensorFlow finds one (CUDA/cuDNN installed on the host), else the CPU. */
    AUTO,
    /** CPU only, even where a GPU exists. */
    CPU,
    /** The GPU; loading fails with a clear error where TensorFlow finds none. */
    GPU;

    public String nick() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Device parse(String s) {
        for (Device d : values()) {
            if (d.nick().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown device '" + s + "': expected auto, cpu or gpu");
    }

    private static Boolean gpu;

    /** {@link #gpuAvailable(ConfigProto)} with the sessions' default threads. */
    public static boolean gpuAvailable() {
        return gpuAvailable(AUTO.config(0, 0));
    }

    /**
     * Whether TensorFlow can place an op on a GPU here: runs one op pinned to GPU:0 without soft placement. (The
     * GPU-capable native build runs on CPU-only hosts and would otherwise fall back silently.) The probe's session
     * takes the threads of {@code sessionOptions}, those of the sessions to come: the process's first session sizes
     * TensorFlow's pools for all, and a probe with TensorFlow's defaults first ran one pool thread more and made the
     * learned flow's r 0.14-0.17 against 0.10-0.13 in bench (docs/ABLATION.md).
     */
    public static synchronized boolean gpuAvailable(ConfigProto sessionOptions) {
        if (gpu == null) {
            try (Graph g = new Graph()) {
                Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU)
                        .deviceIndex(0).build());
                var x = tf.math.add(tf.constant(1f), tf.constant(1f));
                try (Session s = new Session(g, sessionOptions.toBuilder().setAllowSoftPlacement(false)
                        .clearDeviceCount().build());
                        Result r = s.runner().fetch(x).run()) {
                    gpu = r.size() == 1;
                }
            } catch (RuntimeException e) {
                gpu = false;
            }
        }
        return gpu;
    }

    /**
     * The intra-op threads used when none are asked for: half the cores. TensorFlow's own default (all cores)
     * competes with decoding and the warp for the same cores: on 2 cores, frame mode ran at 15.0 fps with it and
     * 19.5 fps with 1 thread (BENCHMARKS.md).
     */
    public static int defaultIntraOpThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Inter-op threads for a small network run on every frame, the flow network: none, its ops run one after another
     * on the thread that calls it (TensorFlow's value -1) instead of being handed to a pool op by op. In a pipeline
     * on 2 cores the network alone then took 1.82-1.93 ms a frame at l=10 against 2.00-2.22 with the default pool
     * (95th percentile 2.3-2.6 against 3.2-3.8), and with the Lucas-Kanade steps after it 3.45-3.72 against
     * 4.46-4.54: the pool's threads spin a while after each op, likely on the core the steps' bands need
     * (docs/ABLATION.md). The feature network keeps the pool: run on the calling thread a key frame took ~2-3 ms
     * more.
     */
    static final int CALLING_THREAD = -1;

    /**
     * Session options for this device; {@code intraOpThreads} 0 takes {@link #defaultIntraOpThreads()},
     * {@code interOpThreads} 0 TensorFlow's default pool and {@link #CALLING_THREAD} none.
     */
    ConfigProto config(int intraOpThreads, int interOpThreads) {
        ConfigProto.Builder b = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads > 0 ? intraOpThreads : defaultIntraOpThreads())
                .setInterOpParallelismThreads(interOpThreads)
                .setAllowSoftPlacement(this != GPU);
        if (this == CPU) {
            b.putDeviceCount("GPU", 0);
        }
        return b.build();
    }
}
