package org.gstdff.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.gstdff.core.BoxTracker;
import org.gstdff.core.Detection;
import org.gstdff.core.AdaptiveKeyPolicy;
import org.gstdff.core.FlowComposition;
import org.gstdff.core.KeyReason;
import org.gstdff.core.LuminanceGrid;
import org.gstdff.core.PropagationResidual;
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
    // the adaptive key-frame policy: the key frame's brightness, the last check, the frame it promoted
    private volatile KeyPolicy keyPolicy = KeyPolicy.FIXED;
    private final AdaptiveKeyPolicy adaptive = new AdaptiveKeyPolicy(AdaptiveKeyPolicy.DEFAULT_THRESHOLD, 0, 1);
    private LuminanceGrid keyLuma;
    private volatile PropagationResidual lastResidual;
    private KeyFrameScheduler.Decision promoted;
    private int lastSinceKey = -1;
    private final Map<KeyReason, java.util.concurrent.atomic.AtomicLong> keyReasons = new EnumMap<>(
            KeyReason.class);
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
        for (KeyReason r : KeyReason.values()) {
            keyReasons.put(r, new java.util.concurrent.atomic.AtomicLong());
        }
    }

    public void setKeyInterval(int interval) {
        scheduler.setInterval(interval);
    }

    /** Offsets the key frames by a fraction of the interval (see {@link KeyPhases}); from the next restart. */
    public void setKeyPhase(double fraction) {
        scheduler.setPhase(fraction);
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

    /** How key frames are chosen between the key interval's. */
    public enum KeyPolicy {
        /** Only the interval (and starts, discontinuities). */
        FIXED,
        /** Also where the propagation residual says propagation fails ({@link AdaptiveKeyPolicy}). */
        ADAPTIVE
    }

    public void setKeyPolicy(KeyPolicy policy) {
        keyPolicy = policy;
    }

    public KeyPolicy keyPolicy() {
        return keyPolicy;
    }

    /**
     * The adaptive policy's settings; the key interval stays the longest interval.
     *
     * @param threshold   summed residual over the noise floor that makes a key frame (without a budget)
     * @param keyRate     key frames per frame to spend (0: the threshold instead)
     * @param minInterval frames at least from a key frame to an adaptive one
     */
    public void setAdaptive(double threshold, double keyRate, int minInterval) {
        adaptive.set(threshold, keyRate, minInterval);
    }

    /** Key frames so far for one reason. */
    public long keyFrames(KeyReason reason) {
        return keyReasons.get(reason).get();
    }

    /** The last propagation check (null before the first), e.g. for tuning. */
    public PropagationResidual lastResidual() {
        return lastResidual;
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
        boolean first = lastWidth < 0;
        boolean resized = !first && (frame.width() != lastWidth || frame.height() != lastHeight);
        lastWidth = frame.width();
        lastHeight = frame.height();
        // FRAME runs the feature network on every frame; otherwise the first frame, a discontinuity and a missing
        // key state (reset, mode change, an earlier failure) force a key frame
        KeyReason forced = mode == Mode.FRAME ? KeyReason.INTERVAL : first ? KeyReason.START
                : discontinuity || resized ? KeyReason.DISCONT : !haveKey ? KeyReason.START : null;
        KeyFrameScheduler.Decision d = scheduler.next(forced, late);
        List<Detection> all = null;
        if (!d.keyFrame()) {
            all = processNonKey(frame, d, late);
            if (all == null) { // the adaptive policy made it a key frame
                d = promoted;
            }
        }
        if (d.keyFrame()) {
            if (lastSinceKey >= 0 && (d.reason() == KeyReason.INTERVAL || d.reason() == KeyReason.ADAPTIVE)) {
                adaptive.keyFrameAfter(lastSinceKey + 1);
            }
            keyReasons.get(d.reason()).incrementAndGet();
            all = processKeyFrame(frame);
        }
        lastSinceKey = d.framesSinceKey();
        long spent = System.nanoTime() - t0;
        stats.get(d.keyFrame() ? Stage.KEY_FRAME : Stage.NON_KEY_FRAME).add(spent);
        stats.get(Stage.FRAME_TOTAL).add(spent);
        return new FrameResult(d.keyFrame(), d.framesSinceKey(), frame.width(), frame.height(), filter(all),
                d.reason());
    }

    /**
     * A frame between key frames: held, tracked or propagated; with the adaptive policy the result is checked
     * before it is returned, and null is returned when the frame should be a key frame after all ({@link #promoted}
     * says why).
     */
    private List<Detection> processNonKey(Frame frame, KeyFrameScheduler.Decision d, boolean late) {
        boolean check = keyPolicy == KeyPolicy.ADAPTIVE && keyLuma != null;
        if (mode == Mode.HOLD) {
            return check && promote(frame, d, late, null, 0, 0) ? null : keyDetections;
        }
        FrameImage image = timed(Stage.INGEST, () -> models.ingest().ingest(frame));
        boolean chained = false;
        try (FlowField flow = timed(Stage.FLOW, () -> flowToKey(image))) {
            chained = chainedFlow;
            List<Detection> found;
            if (mode == Mode.TRACK) {
                found = timed(Stage.TRACK, () -> tracker.track(flow.vectors(), flow.width(), flow.height(),
                        frame.width(), frame.height()));
            } else {
                try (FeatureMap warped = timed(Stage.WARP, () -> models.flow().warp(keyFeatures, flow))) {
                    found = timed(Stage.TASK, () -> models.task().detect(warped, image));
                }
            }
            if (check && promote(frame, d, late, flow.vectors(), flow.width(), flow.height())) {
                chained = false; // the key state is replaced: no chain continues from this frame
                return null;
            }
            return found;
        } finally {
            keepForChain(image, chained);
        }
    }

    /**
     * The adaptive policy's check: the key frame moved by the flow (not moved for hold) against this frame. While
     * frames are late an adaptive key frame waits, as an interval one does; a scene cut does not.
     */
    private boolean promote(Frame frame, KeyFrameScheduler.Decision d, boolean late, float[] flow, int gw, int gh) {
        PropagationResidual r = timed(Stage.CHECK, () -> PropagationResidual.of(keyLuma, LuminanceGrid.of(frame),
                flow, gw, gh));
        lastResidual = r;
        KeyReason why = adaptive.decide(r, d.framesSinceKey());
        if (why == null || (late && why == KeyReason.ADAPTIVE)) {
            return false;
        }
        promoted = scheduler.promote(why);
        return true;
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
                // only the adaptive policy compares frames with the key frame (switched on mid-stream, it starts
                // checking from the next key frame)
                keyLuma = keyPolicy == KeyPolicy.ADAPTIVE ? timed(Stage.CHECK, () -> LuminanceGrid.of(frame)) : null;
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
        keyLuma = null;
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
        lastSinceKey = -1;
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
