package org.gstdff.model;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.Frame;
import org.gstdff.core.PixelFormat;
import org.gstdff.engine.FrameImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Frame to tensor for a vtest-sized frame (768x576) from a direct buffer, as GStreamer hands it over: packed RGB
 * is one memcpy, BGRx is reordered. {@code ./dff jmh IngestBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestBenchmark {

    @Param({"RGB", "BGRx"})
    String format;

    private Frame frame;
    private final TfFrameIngest ingest = new TfFrameIngest();

    @Setup
    public void setUp() {
        PixelFormat f = PixelFormat.valueOf(format);
        int w = 768;
        int h = 576;
        ByteBuffer b = ByteBuffer.allocateDirect(w * h * f.bytesPerPixel());
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) i);
        }
        frame = Frame.packed(b, w, h, f);
    }

    @Benchmark
    public int frameToTensor() {
        try (FrameImage img = ingest.ingest(frame)) {
            return img.width();
        }
    }
}
