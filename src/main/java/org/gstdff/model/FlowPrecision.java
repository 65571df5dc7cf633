package org.gstdff.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;

/**
 * The number format the set's flow network computes in. The network is trained and stored in float32; bfloat16 is
 * TensorFlow's oneDNN auto-mixed-precision pass on its session (convolutions and the ops between them in bfloat16,
 * float32 in and out). On the 2-core machine (AVX512-BF16) the network took 1.56 and 2.20 ms a frame against 1.84 and
 * 2.49 in float32 (two runs, both in one pipeline, calls alternated), and the same person AP on vtest, Megamind.avi
 * and franck.mp4 to 0.2 (docs/ABLATION.md). Where the CPU has no bfloat16 instructions oneDNN emulates them, 3-4x
 * slower than float32 by ONNX Runtime's note on its oneDNN tests, hence {@link #AUTO}.
 */
public enum FlowPrecision {
    /** bfloat16 where the CPU computes it natively (AVX512-BF16 or AMX-BF16 in /proc/cpuinfo), else float32. */
    AUTO,
    /** The network as trained. */
    FLOAT32,
    /** bfloat16 on any CPU. */
    BFLOAT16;

    private static final Set<String> NATIVE_FLAGS = Set.of("avx512_bf16", "amx_bf16");
    private static final Pattern WORDS = Pattern.compile("\\s+");
    private static Boolean nativeHere;

    public String nick() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FlowPrecision parse(String s) {
        for (FlowPrecision p : values()) {
            if (p.nick().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown flow precision '" + s + "': expected auto, float32 or bfloat16");
    }

    /** {@link #FLOAT32} or {@link #BFLOAT16}: what runs on this machine. */
    public FlowPrecision resolve() {
        return resolve(nativeHere());
    }

    /** {@link #FLOAT32} or {@link #BFLOAT16}, on a CPU that does or does not compute bfloat16 natively. */
    FlowPrecision resolve(boolean nativeBfloat16) {
        return this != AUTO ? this : nativeBfloat16 ? BFLOAT16 : FLOAT32;
    }

    /** {@code config} with this precision's graph rewrite, if any. */
    ConfigProto apply(ConfigProto config) {
        if (resolve() != BFLOAT16) {
            return config;
        }
        ConfigProto.Builder b = config.toBuilder();
        b.getGraphOptionsBuilder().getRewriteOptionsBuilder()
                .setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
        return b.build();
    }

    /** Whether /proc/cpuinfo's text names an instruction set that computes bfloat16 (false for none). */
    static boolean nativeBfloat16(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                for (String flag : WORDS.split(line.substring(colon + 1).trim())) {
                    if (NATIVE_FLAGS.contains(flag)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static synchronized boolean nativeHere() {
        if (nativeHere == null) {
            try {
                nativeHere = nativeBfloat16(Files.readString(Path.of("/proc/cpuinfo")));
            } catch (IOException | RuntimeException e) { // not Linux: float32, the safe choice
                nativeHere = false;
            }
        }
        return nativeHere;
    }
}
