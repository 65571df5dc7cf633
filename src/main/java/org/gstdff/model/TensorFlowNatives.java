package org.gstdff.model;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Loads TensorFlow's native library once, quietly where the user asked for quiet. The GPU-capable build registers
 * its CUDA plugins while the library loads, and on a host without CUDA logs two "Unable to register cuDNN/cuBLAS
 * factory" errors through absl before TensorFlow reads {@code TF_CPP_MIN_LOG_LEVEL}; with the variable at 3 (errors
 * off, as {@code ./dff} sets it) standard error is pointed at /dev/null for the duration of the load. A real load
 * failure still surfaces as the Java exception it is.
 */
public final class TensorFlowNatives {

    private static boolean loaded;

    private interface LibC extends Library {
        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);
    }

    private TensorFlowNatives() {
    }

    public static synchronized void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        if (!quiet(System.getenv("TF_CPP_MIN_LOG_LEVEL"))) {
            org.tensorflow.TensorFlow.version();
            return;
        }
        LibC c = Native.load("c", LibC.class);
        System.err.flush();
        int saved = c.dup(2);
        int devNull = c.open("/dev/null", 1); // O_WRONLY
        if (saved < 0 || devNull < 0) {
            org.tensorflow.TensorFlow.version();
            return;
        }
        c.dup2(devNull, 2);
        try {
            org.tensorflow.TensorFlow.version();
        } finally {
            c.dup2(saved, 2);
            c.close(saved);
            c.close(devNull);
        }
    }

    /** TF_CPP_MIN_LOG_LEVEL 3: only fatal messages wanted. */
    static boolean quiet(String level) {
        return "3".equals(level == null ? null : level.trim());
    }
}
