package org.gstdff.core;

import java.util.Random;
import java.util.concurrent.TimeUnit;

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
 * The Lucas-Kanade step as the element runs it on the default set's 128x128 grid (a 256x256 grey image, window 14 px: 7 cells):
 * the step on a random texture of which twelve walker-sized rectangles (16x40 px) move by a sub-pixel motion and the
 * rest stands still, as on a fixed camera, and the smoothing each new frame's grey image gets. {@code still} 0 steps
 * every cell; 0.01 (the default) skips the cells whose window does not change (here about half are warped).
 * {@code ./dff jmh LucasKanadeBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LucasKanadeBenchmark {

    @Param({"128"})
    int grid;

    /** The step split into bands across the common fork-join pool, as the element runs it. */
    @Param({"false", "true"})
    boolean parallel;

    /** The still threshold: 0 steps every cell. */
    @Param({"0", "0.01"})
    float still;

    private LucasKanade lucasKanade;
    private float[] flow;
    private float[] levels;
    private float[] current;
    private float[] key;

    @Setup
    public void setUp() {
        int n = grid * 2;
        Random random = new Random(7);
        float[] texture = new float[(n + 8) * (n + 8)];
        for (int i = 0; i < texture.length; i++) {
            texture[i] = 255 * random.nextFloat();
        }
        levels = new float[n * n];
        float[] moved = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                levels[y * n + x] = texture[(y + 4) * (n + 8) + x + 4];
                // walkers: 16x40 px rectangles at 12 of the 16 places of a 64 px lattice
                boolean walker = (x % 64) < 16 && (y % 64) < 40 && ((x / 64 + y / 64) % 4 != 3);
                moved[y * n + x] = walker ? 0.5f * (texture[(y + 4) * (n + 8) + x + 4]
                        + texture[(y + 4) * (n + 8) + x + 5]) : levels[y * n + x];
            }
        }
        current = LucasKanade.smooth(levels, n, n);
        key = LucasKanade.smooth(moved, n, n);
        flow = new float[grid * grid * 2];
        for (int i = 0; i < flow.length; i += 2) {
            flow[i] = 0.1f;
        }
        lucasKanade = new LucasKanade(new LucasKanade.Settings(1, 2, 14, 1e-4f, still), parallel);
    }

    @Benchmark
    public float[] step() {
        return lucasKanade.refine(flow, grid, grid, current, key);
    }

    @Benchmark
    public float[] smooth() {
        return LucasKanade.smooth(levels, grid * 2, grid * 2);
    }
}
