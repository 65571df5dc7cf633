package org.gstdff.model;

import java.util.Locale;

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

    /** Session options for this device; {@code threads} 0 lets TensorFlow choose. */
    ConfigProto config(int intraOpThreads, int interOpThreads) {
        ConfigProto.Builder b = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                .setAllowSoftPlacement(this != GPU);
        if (this == CPU) {
            b.putDeviceCount("GPU", 0);
        }
        return b.build();
    }
}
