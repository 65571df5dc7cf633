package org.gstdff.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.gstdff.core.BoxTracker;
import org.gstdff.core.Detection;
import org.gstdff.core.FlowComposition;
import org.gstdff.core.Frame;
import org.gstdff.core.FrameResult;
import org.gstdff.core.KeyFrameScheduler;
import org.gstdff.core.LatencyStats;

/**
 * Runs Deep Feature Flow over a stream of frames.
 * <ul>
 * <li>Key frame: {@code f = N_feat(I)}; cache {@code f} and {@code I}; detections {@code N_task(f)}.</li>
 * <li>Other frame ({@link Mode#DFF}): {@code f' = W(f, F(I', I)) * S}; detections {@code N_task(f')}.</li>
 * <li>Other frame, baselines: {@link Mode#HOLD} repeats the key frame's detections, {@link Mode#TRACK} moves them
 * by the median of {@code F(I', I)} inside each box.</li>
 * </ul>
 * The cached key state (features, image, detections) is owned here: replaced in one place, freed on
 * {@link #reset()} and {@link #close()}. Calls are serialised; settings may change from any thread.
 */
public final class DffEngine implements AutoCloseable {

    private final KeyFrameScheduler scheduler;
    private final Map<Stage, LatencyStats> stats = new EnumMap<>(Stage.class);
    private ModelSet models;
    private volatile Mode mode;
    private volatile float threshold;
    private volatile boolean chainFlow;

    // key state: valid between a key frame and the next reset
    private FeatureMap keyFeatures;
    private FrameImage keyImage;
    private List<Detection> keyDetections = List.of();
    private final BoxTracker tracker = new BoxTracker();
    // chained flow: the last propagated frame and its flow to the key frame
    private FrameImage chainImage;
    private float[] chainToKey;
    private boolean chainedFlow; // the last flowToKey composed a chain
    private boolean haveKey;
    private int lastWidth = -1;
    private int lastHeight = -1;
    private boolean closed;

    public DffEngine(ModelSet models, Mode mode, int keyInterval, float threshold) {
        this.models = models;
        this.mode = mode;
        this.threshold = threshold;
        this.scheduler = new KeyFrameScheduler(keyInterval);
        for (Stage s : Stage.values()) {
            stats.put(s, new LatencyStats());
        }
    }

    public void setKeyInterval(int interval) {
        scheduler.setInterval(interval);
    }

    public int keyInterval() {
        return scheduler.interval();
    }

    /** Switching modes restarts with a key frame, so no frame mixes state from two modes. */
    public synchronized void setMode(Mode mode) {
        if (mode != this.mode) {
            this.mode = mode;
            reset();
        }
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Chained flow: each non-key frame's flow is estimated from the frame before it and composed with that frame's
     * flow to the key frame ({@link FlowComposition}), instead of one estimate straight to the key frame. Flows with
     * a scale field are never chained. Takes effect from the next key frame.
     */
    public synchronized void setChainFlow(boolean chain) {
        if (chain != chainFlow) {
            chainFlow = chain;
            reset();
        }
    }

    public boolean chainFlow() {
        return chainFlow;
    }

    public void setThreshold(float threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be within [0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    public float threshold() {
        return threshold;
    }

    public synchronized ModelSet models() {
        return models;
    }

    /** Latency of one stage so far. */
    public LatencyStats stats(Stage stage) {
        return stats.get(stage);
    }

    /**
     * Processes one frame.
     *
     * @param discontinuity the frame does not continue the previous one (first after a flush, seek or gap)
     */
    public FrameResult process(Frame frame, boolean discontinuity) {
        return process(frame, discontinuity, false);
    }

    /**
     * Processes one frame that may be late.
     *
     * @param late frames are waiting behind this one: a key frame merely due by the interval is postponed (see
     *             {@link KeyFrameScheduler#next(boolean, boolean)})
     */
    public synchronized FrameResult process(Frame frame, boolean discontinuity, boolean late) {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
        long t0 = System.nanoTime();
        boolean resized = frame.width() != lastWidth || frame.height() != lastHeight;
        lastWidth = frame.width();
        lastHeight = frame.height();
        // FRAME runs the feature network on every frame; otherwise a missing key state (start, reset, an
        // earlier failure) forces a key frame like a discontinuity does
        KeyFrameScheduler.Decision d = scheduler.next(mode == Mode.FRAME || discontinuity || resized || !haveKey,
                late);
        List<Detection> all;
        if (d.keyFrame()) {
            all = processKeyFrame(frame);
        } else if (mode == Mode.HOLD) {
            all = keyDetections;
        } else if (mode == Mode.TRACK) {
            all = processTracked(frame);
        } else {
            all = processPropagated(frame);
        }
        long spent = System.nanoTime() - t0;
        stats.get(d.keyFrame() ? Stage.KEY_FRAME : Stage.NON_KEY_FRAME).add(spent);
        stats.get(Stage.FRAME_TOTAL).add(spent);
        return new FrameResult(d.keyFrame(), d.framesSinceKey(), frame.width(), frame.height(), filter(all));
    }

    private List<Detection> processKeyFrame(Frame frame) {
        FrameImage image = timed(Stage.INGEST, () -> models.ingest().ingest(frame));
        FeatureMap features = null;
        try {
            features = timed(Stage.FEATURE, () -> models.feature().extract(image));
            FeatureMap f = features;
            List<Detection> detections = timed(Stage.TASK, () -> models.task().detect(f, image));
            if (mode == Mode.FRAME) {
                // the per-frame baseline never propagates: nothing to keep
                features.close();
                image.close();
                dropKeyState();
            } else {
                replaceKeyState(features, image, detections);
            }
            return detections;
        } catch (RuntimeException e) {
            if (features != null) {
                features.close();
            }
            image.close();
            dropKeyState();
            throw e;
        }
    }

    private List<Detection> processPropagated(Frame frame) {
        FrameImage image = timed(Stage.INGEST, () -> models.ingest().ingest(frame));
        boolean chained = false;
        try (FlowField flow = timed(Stage.FLOW, () -> flowToKey(image))) {
            chained = chainedFlow;
            try (FeatureMap warped = timed(Stage.WARP, () -> models.flow().warp(keyFeatures, flow))) {
                return timed(Stage.TASK, () -> models.task().detect(warped, image));
            }
        } finally {
            keepForChain(image, chained);
        }
    }

    private List<Detection> processTracked(Frame frame) {
        FrameImage image = timed(Stage.INGEST, () -> models.ingest().ingest(frame));
        boolean chained = false;
        try (FlowField flow = timed(Stage.FLOW, () -> flowToKey(image))) {
            chained = chainedFlow;
            return timed(Stage.TRACK, () -> tracker.track(flow.vectors(), flow.width(), flow.height(),
                    frame.width(), frame.height()));
        } finally {
            keepForChain(image, chained);
        }
    }

    /**
     * The flow from this frame to the key frame: estimated directly, or chained through the previous frame (then
     * {@link #chainedFlow} is set and the frame is kept as the next step's start).
     */
    private FlowField flowToKey(FrameImage image) {
        chainedFlow = false;
        if (!chainFlow) {
            return models.flow().estimate(keyImage, image);
        }
        FrameImage from = chainImage != null ? chainImage : keyImage;
        FlowField step = models.flow().estimate(from, image);
        if (step.hasScale()) {
            return step; // scales do not compose: used directly, and the chain is not continued
        }
        try (step) {
            float[] toKey = chainImage == null ? step.vectors().clone()
                    : FlowComposition.compose(step.vectors(), chainToKey, step.width(), step.height());
            chainToKey = toKey;
            chainedFlow = true;
            return new VectorField(toKey, step.width(), step.height());
        }
    }

    /** A chained frame becomes the next step's start (the previous one is closed); any other frame is closed. */
    private void keepForChain(FrameImage image, boolean chained) {
        if (chained) {
            if (chainImage != null) {
                chainImage.close();
            }
            chainImage = image;
        } else {
            image.close();
        }
    }

    private void replaceKeyState(FeatureMap features, FrameImage image, List<Detection> detections) {
        dropKeyState();
        keyFeatures = features;
        keyImage = image;
        keyDetections = detections;
        tracker.start(detections);
        haveKey = true;
    }

    private void dropKeyState() {
        if (chainImage != null) {
            chainImage.close();
            chainImage = null;
        }
        chainToKey = null;
        if (keyFeatures != null) {
            keyFeatures.close();
            keyFeatures = null;
        }
        if (keyImage != null) {
            keyImage.close();
            keyImage = null;
        }
        keyDetections = List.of();
        haveKey = false;
    }

    private List<Detection> filter(List<Detection> all) {
        float t = threshold;
        List<Detection> kept = new ArrayList<>(all.size());
        for (Detection det : all) {
            if (det.confidence() >= t) {
                kept.add(det);
            }
        }
        return Collections.unmodifiableList(kept);
    }

    private <T> T timed(Stage stage, Supplier<T> step) {
        long t0 = System.nanoTime();
        T result = step.get();
        stats.get(stage).add(System.nanoTime() - t0);
        return result;
    }

    /** Forgets the key frame (after a flush or seek): the next frame is a key frame. */
    public synchronized void reset() {
        scheduler.reset();
        dropKeyState();
    }

    /**
     * Replaces the model set; the next frame is a key frame. The caller closes the returned previous set.
     */
    public synchronized ModelSet swapModels(ModelSet next) {
        ModelSet previous = models;
        reset();
        models = next;
        return previous;
    }

    /** Frees the key state. The model set belongs to whoever created it. */
    @Override
    public synchronized void close() {
        if (!closed) {
            dropKeyState();
            closed = true;
        }
    }
}
