package org.gstdff.model;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

import org.gstdff.core.LucasKanade;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.VectorField;

/**
 * A flow followed by Lucas-Kanade steps ({@link LucasKanade}) on the two frames' grey images: one stream's, as it
 * keeps that stream's last two smoothed grey images (a key frame's is made once; chained, each frame's once) and
 * its scratch arrays. The scale field, if any, and the warp are the inner flow's.
 */
final class RefinedFlowNet implements FlowNet, AutoCloseable {

    // compiling the steps: until 20 calls in a row are no faster than the calls before them (~100 calls, 0.4-0.5 s
    // at a 128x128 grid on 2 cores), at least 80 calls, at most 400 or 3 s
    private static final int COMPILE_LEAST = 80;
    private static final int COMPILE_ROUND = 20;
    private static final int COMPILE_MOST = 400;
    private static final long COMPILE_NANOS = 3_000_000_000L;
    private static int compiledCells; // the largest grid compiled for: the code is the same for every stream

    private final FlowNet inner;
    private final AutoCloseable owned; // the inner flow when this stream owns it (DIS), else null
    private final LucasKanade lucasKanade;
    private final LastTwoFrames<float[]> smoothed = new LastTwoFrames<>(a -> { });
    private final int cellsX;
    private final int cellsY;
    private final int width; // of the grey images
    private final int height;

    /**
     * @param cellsX the feature grid's width (the flow's)
     * @param owned  closed with this one (the inner flow when it is the stream's own), or null
     * @throws ModelSetException when OpenCV's Java bindings (the grey images) are not installed: at open, not at the
     *                           first frame
     */
    RefinedFlowNet(FlowNet inner, AutoCloseable owned, int cellsX, int cellsY, LucasKanade.Settings settings) {
        try {
            DisFlowNet.loadNative();
        } catch (NoClassDefFoundError e) {
            throw new ModelSetException("flow-refine=lucas-kanade needs OpenCV's Java classes on the classpath: "
                    + "Debian's libopencv-java installs /usr/share/java/opencv.jar (README: Use it in your Maven "
                    + "project); flow-refine=none does without");
        }
        this.inner = inner;
        this.owned = owned;
        this.lucasKanade = new LucasKanade(settings, true);
        this.cellsX = cellsX;
        this.cellsY = cellsY;
        this.width = cellsX * settings.scale();
        this.height = cellsY * settings.scale();
        compileSteps(settings, cellsX, cellsY);
    }

    /**
     * Runs the steps on a synthetic pair until Java has compiled them, before the stream's first frame. Until then
     * they cost 2-6x (at a 128x128 grid on 2 cores: ~36 calls at 8-9 ms, ~25 at 2.8, then 1.4-1.5), and in a
     * pipeline, whose decoder and TensorFlow leave the compiler little time, the first ~90 frames' steps averaged
     * 6.1-6.3 ms against 1.5-1.8 after (2.7-3.1 with this): a live stream's first seconds fell behind. Here it is
     * 0.4-0.5 s of start-up, once per JVM.
     */
    private static void compileSteps(LucasKanade.Settings settings, int cellsX, int cellsY) {
        synchronized (RefinedFlowNet.class) { // a smaller grid's loops may not have run long enough to compile
            if (cellsX * cellsY <= compiledCells) {
                return;
            }
            compiledCells = cellsX * cellsY;
        }
        int w = cellsX * settings.scale();
        int h = cellsY * settings.scale();
        float[] key = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                key[y * w + x] = (float) (0.5 + 0.3 * Math.sin(x * 0.37 + y * 0.11) * Math.cos(y * 0.21));
            }
        }
        float[] current = key.clone(); // a block moved by a pixel: still cells, stepped cells and the warp between
        for (int y = h / 4; y < 3 * h / 4; y++) {
            for (int x = w / 4 + 1; x < w / 2; x++) {
                current[y * w + x] = key[y * w + x - 1];
            }
        }
        LucasKanade steps = new LucasKanade(settings, true);
        float[] flow = new float[cellsX * cellsY * 2];
        long[] nanos = new long[COMPILE_MOST];
        long start = System.nanoTime();
        for (int i = 0; i < COMPILE_MOST && System.nanoTime() - start < COMPILE_NANOS; i++) {
            long t = System.nanoTime();
            try {
                steps.refine(flow, cellsX, cellsY, current, key);
            } catch (IllegalArgumentException tooSmall) { // a grid the steps refuse: the first frame says so
                return;
            }
            nanos[i] = System.nanoTime() - t;
            int n = i + 1;
            if (n >= COMPILE_LEAST && n % COMPILE_ROUND == 0 && least(nanos, n - COMPILE_ROUND, n) > 0.9 * least(
                    nanos, 0, n - COMPILE_ROUND)) {
                return;
            }
        }
    }

    private static long least(long[] a, int from, int to) {
        long m = Long.MAX_VALUE;
        for (int i = from; i < to; i++) {
            m = Math.min(m, a[i]);
        }
        return m;
    }

    /** The refinement, for logs. */
    String describe() {
        LucasKanade.Settings s = lucasKanade.settings();
        return "Lucas-Kanade x" + s.iterations() + " at " + s.scale() + " px a cell, window " + s.window()
                + (s.still() > 0 ? ", still where the frames differ by <= " + s.still() + " grey" : "");
    }

    FlowNet inner() {
        return inner;
    }

    /**
     * The grey images and the still cells need only the frames: they are made on the common pool while the inner
     * flow runs on this thread (the flow network's ops run on the calling thread, one intra-op thread on 2 cores), so
     * on 2 cores the ~0.4 ms of grey images and ~0.3 of still check come off the frame's time. A pool busy elsewhere
     * does not hold the frame up: joining a task not yet started runs it on this thread.
     */
    @Override
    public synchronized FlowField estimate(FrameImage earlier, FrameImage current) {
        ForkJoinTask<Prepared> frames = ForkJoinPool.commonPool().submit(() -> prepare(earlier, current));
        FlowField f;
        try {
            f = inner.estimate(earlier, current);
        } finally { // the task uses this stream's grey images and steps: done before anything else may touch them
            frames.join();
        }
        try (f) {
            LucasKanade.Pair pair = frames.join().pair();
            float[] refined = lucasKanade.refine(f.vectors(), pair);
            return new VectorField(refined, f instanceof VectorField v ? v.scale() : null, f.width(), f.height());
        }
    }

    /** The pair prepared, or what it failed with: thrown on this thread as it was, not as the pool's copy. */
    private record Prepared(LucasKanade.Pair made, RuntimeException failure) {
        LucasKanade.Pair pair() {
            if (failure != null) {
                throw failure;
            }
            return made;
        }
    }

    private Prepared prepare(FrameImage earlier, FrameImage current) {
        try {
            LastTwoFrames.Pair<float[]> images = smoothed.get(earlier, current, this::smooth);
            return new Prepared(lucasKanade.prepare(cellsX, cellsY, images.current(), images.earlier()), null);
        } catch (RuntimeException e) {
            return new Prepared(null, e);
        }
    }

    private float[] smooth(FrameImage frame) {
        return GreyFrames.smoothed(frame, width, height);
    }

    @Override
    public FeatureMap warp(FeatureMap keyFeatures, FlowField flow) {
        return inner.warp(keyFeatures, flow);
    }

    @Override
    public synchronized void close() {
        smoothed.close();
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + owned + ": " + e.getMessage(), e);
            }
        }
    }
}
