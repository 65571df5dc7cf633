package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;

/** Which number format the flow network computes in, from the property and the CPU's flags. */
class FlowPrecisionTest {

    private static final String ZEN4 = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            flags\t\t: fpu vme sse2 avx2 avx512f avx512bw avx512_vnni avx512_bf16 clzero
            bugs\t\t: sysret_ss_attrs

            processor\t: 1
            flags\t\t: fpu vme sse2 avx2 avx512f avx512bw avx512_vnni avx512_bf16 clzero
            """;
    // AVX512BW without BF16: oneDNN would emulate bfloat16; "vmx flags" is another line, not the CPU's flags
    private static final String SKYLAKE = """
            processor\t: 0
            flags\t\t: fpu sse2 avx2 avx512f avx512bw avx512vl
            vmx flags\t: vnmi preemption_timer amx_bf16
            """;
    private static final String SAPPHIRE_RAPIDS = "flags\t\t: avx512f avx512bw amx_bf16 amx_tile amx_int8\n";

    @Test
    void autoIsBfloat16OnlyWhereTheCpuComputesIt() {
        assertTrue(FlowPrecision.nativeBfloat16(ZEN4));
        assertTrue(FlowPrecision.nativeBfloat16(SAPPHIRE_RAPIDS));
        assertFalse(FlowPrecision.nativeBfloat16(SKYLAKE));
        assertFalse(FlowPrecision.nativeBfloat16(""), "no /proc/cpuinfo text: float32");
        assertEquals(FlowPrecision.BFLOAT16, FlowPrecision.AUTO.resolve(true));
        assertEquals(FlowPrecision.FLOAT32, FlowPrecision.AUTO.resolve(false));
        assertEquals(FlowPrecision.BFLOAT16, FlowPrecision.BFLOAT16.resolve(false), "asked for: as asked");
        assertEquals(FlowPrecision.FLOAT32, FlowPrecision.FLOAT32.resolve(true));
        assertTrue(FlowPrecision.AUTO.resolve() != FlowPrecision.AUTO);
    }

    @Test
    void bfloat16AddsOnlyTheMixedPrecisionRewriteToTheSessionsOptions() {
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(1)
                .setInterOpParallelismThreads(Device.CALLING_THREAD).build();
        assertSame(config, FlowPrecision.FLOAT32.apply(config));
        ConfigProto bf16 = FlowPrecision.BFLOAT16.apply(config);
        assertEquals(RewriterConfig.Toggle.ON,
                bf16.getGraphOptions().getRewriteOptions().getAutoMixedPrecisionOnednnBfloat16());
        assertEquals(config, bf16.toBuilder().clearGraphOptions().build(), "threads as they were");
    }

    @Test
    void namesAreThePropertysAndAWrongOneIsNamed() {
        assertEquals("bfloat16", FlowPrecision.BFLOAT16.nick());
        assertEquals(FlowPrecision.FLOAT32, FlowPrecision.parse(" Float32 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlowPrecision.parse("fp16"));
        assertEquals("unknown flow precision 'fp16': expected auto, float32 or bfloat16", e.getMessage());
    }
}
