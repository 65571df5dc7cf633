package org.gstdff.gst;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;

import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.GhostPad;
import org.freedesktop.gstreamer.glib.Natives;
import org.gstdff.core.AdaptiveKeyPolicy;
import org.gstdff.core.FrameArrivals;
import org.gstdff.core.FrameResult;
import org.gstdff.core.KeyReason;
import org.gstdff.core.PixelFormat;
import org.freedesktop.gstreamer.Caps;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Mode;
import org.gstdff.engine.Stage;
import org.gstdff.core.LatencyStats;
import java.util.Locale;
import org.gstdff.engine.ModelSet;
import org.gstdff.model.Device;
import org.gstdff.model.DisFlowNet;
import org.gstdff.model.FlowPrecision;
import org.gstdff.model.FlowRefine;
import org.gstdff.model.ModelSetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Pointer;

/**
 * The {@code dff} element: Deep Feature Flow object detection on raw video. A bin with ghost pads {@code sink} and
 * {@code src} around an in-place transform: each buffer is made writable (a metadata-only copy when it is shared),
 * run through the engine on the streaming thread and leaves with the frame's detections as metadata
 * ({@link FrameMeta}), its pixels, timestamps, flags and caps untouched. Because buffers, events and queries take
 * GStreamer's own path through the bin, preroll, seeks, flushes, EOS and duration queries behave as for any
 * element; flushes, new streams and segments restart the engine with a key frame.
 * <p>
 * (An appsink -> appsrc pair was the first design; it deadlocks in PAUSED when a downstream element needs several
 * buffers before its sink can preroll, e.g. x264enc ! mp4mux ! filesink, because the appsink holds the stream
 * after one buffer.)
 */
public final class DffElement extends Bin implements JavaElement {

    public static final String FACTORY = "dff";
    public static final String DESCRIPTION = "Deep Feature Flow object detection: runs the feature network on key "
            + "frames only and propagates its features to the other frames with a flow network";

    public static final List<PropertySpec> PROPERTIES = List.of(
            PropertySpec.ofString("model", null,
                    "Model set folder (model.json + feature/ flow/ task/); null: the default set (the checkout's "
                            + "models/default under ./dff, else ~/.cache/gst-dff/models/default from ./dff "
                            + "install-models). Set while playing, the new set is loaded and checked first and takes "
                            + "over at the next frame (a key frame); if it fails to load the old set stays", true),
            PropertySpec.ofInt("key-interval", 10, 1, 10000,
                    "Run the feature network every N frames (1 = every frame); with key-policy=adaptive the "
                            + "longest interval. The first frame and the first after a flush or discontinuity are "
                            + "always key frames", true),
            PropertySpec.ofEnum("key-policy", "fixed", DffSettings.nicks(DffEngine.KeyPolicy.class),
                    "fixed: a key frame every key-interval frames; adaptive: also sooner, once the key frame "
                            + "moved by the flow has failed to explain the frames since by key-threshold in total, "
                            + "and at once on a scene cut", true),
            PropertySpec.ofInt("min-key-interval", 1, 1, 10000,
                    "With key-policy=adaptive: frames at least from a key frame to an adaptive one", true),
            PropertySpec.ofDouble("key-rate", 0, 0, 1,
                    "With key-policy=adaptive: key frames per frame to spend on average (e.g. 0.1, as "
                            + "key-interval=10 does); the threshold is steered to it. 0: use key-threshold", true),
            PropertySpec.ofDouble("key-threshold", AdaptiveKeyPolicy.DEFAULT_THRESHOLD, 0.0001, 10000,
                    "With key-policy=adaptive and key-rate=0: the residual (mean grey-level difference between "
                            + "the frame and the key frame moved by the flow, less the noise floor) summed over the "
                            + "frames since the key frame that makes a key frame", true),
            PropertySpec.ofEnum("mode", "dff", DffSettings.nicks(Mode.class),
                    "dff: propagate key-frame features with flow; frame: feature network on every frame "
                            + "(baseline); hold: repeat the key frame's detections (box-hold baseline); track: move "
                            + "the key frame's boxes by the median flow inside each, no head (box-tracker baseline)",
                    true),
            PropertySpec.ofDouble("threshold", -1, -1, 1,
                    "Minimum confidence of a reported detection; -1: the model set's score_threshold", true),
            PropertySpec.ofEnum("device", "auto", DffSettings.nicks(Device.class),
                    "Where the networks run: auto (GPU if TensorFlow finds one), cpu, gpu (fail without one)",
                    false),
            PropertySpec.ofInt("threads", 0, 0, 256,
                    "TensorFlow intra-op threads; 0: half the cores (measured faster on 2 cores than TensorFlow's "
                            + "default of all cores, which competes with decoding)", false),
            PropertySpec.ofEnum("flow", "dis", DffSettings.nicks(DffSettings.Flow.class),
                    "dis: OpenCV's DIS optical flow at dis-preset and dis-width (needs Debian's libopencv-java); "
                            + "model: the model set's flow network", false),
            PropertySpec.ofEnum("dis-preset", "ultrafast", DffSettings.nicks(DisFlowNet.Preset.class),
                    "DIS preset with flow=dis: ultrafast (~1.4-3.6 ms a pair at 512x512 on 2 cores), fast, medium "
                            + "(~15-26 ms)", false),
            PropertySpec.ofInt("dis-width", 0, 0, 4096,
                    "Width in pixels of the frames DIS compares with flow=dis, rounded to whole pixels per feature "
                            + "cell; 0: the feature network's input width", false),
            PropertySpec.ofEnum("flow-path", "auto", DffSettings.nicks(DffSettings.FlowPath.class),
                    "chain: estimate each frame's flow from the frame before it and compose it back to the key "
                            + "frame; direct: one estimate straight to the key frame (the DFF paper's way); auto: "
                            + "chain with flow=dis (person AP 87.0 against 78.7 direct at key-interval=10 on vtest), "
                            + "and with the set's network where the set says so (dff adapt --path chain, the default; "
                            + "dff train-flow, whose networks are refined by a Lucas-Kanade step), else direct (a "
                            + "network trained on jumps to the key frame)", true),
            PropertySpec.ofEnum("flow-refine", "auto", DffSettings.nicks(FlowRefine.class),
                    "lucas-kanade: Lucas-Kanade steps on each flow estimate, least squares on the two frames' grey "
                            + "images at twice the feature grid, solved per cell in a window of 7x7 cells (the set's "
                            + "settings where its flow description has them, else two steps, cells whose window the "
                            + "two frames agree on left still and not stepped; 2.5-6 ms a frame at a 128x128 grid on "
                            + "2 cores); none: the flow as it comes; auto: as the model set says for "
                            + "its network (dff adapt and train-flow write it), none for DIS", false),
            PropertySpec.ofEnum("flow-precision", "auto", DffSettings.nicks(FlowPrecision.class),
                    "What the set's flow network computes in with flow=model: float32 (as trained); bfloat16 "
                            + "(TensorFlow's oneDNN mixed precision: ~0.3 ms a frame less on 2 cores, the same "
                            + "person AP on the clips measured; 3-4x slower on a CPU without bfloat16 instructions); "
                            + "auto: bfloat16 where the CPU has them (AVX512-BF16 or AMX-BF16), else float32. A "
                            + "network on a GPU computes in float32",
                    false),
            PropertySpec.ofEnum("live-policy", "block", DffSettings.nicks(DffSettings.LivePolicy.class),
                    "When frames arrive faster than inference: block (wait, never lose a frame; for files), "
                            + "drop (the oldest waiting frame is dropped before inference, so latency stays "
                            + "bounded), propagate (as drop, and a key frame falling due while frames wait is "
                            + "postponed, up to twice key-interval, because propagated frames are cheaper)", true),
            PropertySpec.ofBoolean("stagger-keys", true,
                    "Offset this stream's key frames from those of the other dff elements in the process (a phase "
                            + "per element that lengthens its first run), so that the key frames of many cameras do "
                            + "not coincide and the cost per frame stays flat; false: every stream starts its "
                            + "intervals at its first frame",
                    false),
            PropertySpec.ofInt("max-queue", 2, 1, 1000,
                    "Frames waiting for inference inside dff; decoding upstream overlaps inference", true),
            PropertySpec.ofDouble("stats-interval", 1, 0, 3600,
                    "Seconds of stream between dff-stats element messages on the bus (frames, dropped, "
                            + "latency); 0: none", true));

    /** Caps accepted on both pads. */
    public static final String CAPS = "video/x-raw, format=(string)" + PixelFormat.capsList();

    private static final Logger LOG = LoggerFactory.getLogger(DffElement.class);

    private final Element queue;
    private final Element identity;
    private final ElementProperties props = new ElementProperties(FACTORY, PROPERTIES);
    private final Pointer self;
    private final Pointer srcPadPtr;
    private final List<GstNative.ProbeCallback> probes; // reachable while the pads live

    private final ModelSetFactory modelSets;
    private DffStream stream; // guarded by this: null until prepare() or the first buffer
    private volatile boolean discontinuity = true;
    private volatile VideoLayout layout; // from the current caps; null until caps arrive
    private volatile boolean liveDrops;
    private volatile boolean postponeKeys;
    private volatile long statsIntervalNanos;
    private final FrameArrivals arrivals = new FrameArrivals();
    private final DffCounters counters = new DffCounters();
    private volatile long lastOutputNanos;
    private final StreamClock clock;
    private final Pointer identitySinkPtr;
    private long lastStatsPts = -1; // streaming thread only

    private final List<DetectionListener> listeners = new CopyOnWriteArrayList<>();

    static {
        GstRuntime.init(); // before any instance: the Bin constructor already needs GStreamer
    }

    public DffElement(String name) {
        this(name, ModelSetFactory.SHARED);
    }

    /** An element whose networks come from {@code modelSets} (tests give it fakes). */
    public DffElement(String name, ModelSetFactory modelSets) {
        super(name);
        this.modelSets = modelSets;
        // the formats the engine reads; anything else fails negotiation (put videoconvert before dff)
        Element filter = ElementFactory.make("capsfilter", name + "-caps");
        filter.setCaps(Caps.fromString(CAPS));
        // the queue is a thread boundary: upstream decodes the next frame while this one is inferred, and the
        // live policy bounds what may wait (sizes in buffers only)
        queue = ElementFactory.make("queue", name + "-queue");
        queue.set("max-size-time", 0L);
        queue.set("max-size-bytes", 0);
        identity = ElementFactory.make("identity", name + "-identity");
        identity.set("silent", true);
        addMany(filter, queue, identity);
        Element.linkMany(filter, queue, identity);
        applyToQueue();
        addPad(new GhostPad("sink", filter.getStaticPad("sink")));
        addPad(new GhostPad("src", identity.getStaticPad("src")));
        self = Natives.getRawPointer(this);
        Pad src = identity.getStaticPad("src");
        srcPadPtr = Natives.getRawPointer(src);
        identitySinkPtr = Natives.getRawPointer(identity.getStaticPad("sink"));
        clock = new StreamClock(self);
        probes = List.of(
                RawProbe.add(queue.getStaticPad("sink"), RawProbe.BUFFER, this::onQueued),
                RawProbe.addWithInfo(src, RawProbe.BUFFER, this::onBuffer),
                RawProbe.add(identity.getStaticPad("sink"), RawProbe.EVENT_DOWNSTREAM | RawProbe.EVENT_FLUSH,
                        this::onSinkEvent));
    }

    // ---- properties -------------------------------------------------------------------------------------

    /** Sets a property from its text form (as in a pipeline description). */
    @Override
    public void setProperty(String name, String value) {
        PropertySpec spec = props.spec(name);
        if (name.equals("model")) {
            setModelProperty(value);
            return;
        }
        synchronized (this) {
            if (!spec.mutableInPlaying() && stream != null) {
                throw new IllegalStateException(getName() + ": property '" + name
                        + "' can only be set before the element starts");
            }
            props.set(name, value);
            applyToEngine();
            applyToQueue();
        }
    }

    private void applyToQueue() {
        if (queue == null) {
            return; // during construction
        }
        DffSettings s = settings();
        queue.set("max-size-buffers", s.maxQueue());
        liveDrops = s.livePolicy() != DffSettings.LivePolicy.BLOCK;
        queue.set("leaky", liveDrops ? 2 : 0); // 2: downstream, the oldest queued buffer goes
        postponeKeys = s.livePolicy() == DffSettings.LivePolicy.PROPAGATE;
        statsIntervalNanos = (long) (s.statsInterval() * 1e9);
    }

    /**
     * Before start, just records the folder. While running, loads and validates the new set first (on the caller's
     * thread, so the stream keeps flowing), then swaps it in between two frames; the next frame is a key frame.
     * If the new set does not load, the old one stays and the error is thrown.
     */
    private void setModelProperty(String value) {
        boolean running;
        synchronized (this) {
            running = stream != null;
            if (!running) {
                props.set("model", value);
                return;
            }
        }
        Path dir = value == null ? DffDefaults.requireDefaultModel() : Path.of(value);
        ModelSet next = load(dir);
        ModelSet previous;
        synchronized (this) {
            if (stream == null) { // stopped meanwhile
                next.close();
                props.set("model", value);
                return;
            }
            previous = stream.swap(next, settings(), threshold(next));
            props.set("model", value);
        }
        previous.close();
        LOG.info("{}: swapped to model {}", getName(), next.describe());
    }

    /** Adds a listener called for every frame (see {@link DetectionListener}). */
    public DffElement addListener(DetectionListener l) {
        listeners.add(l);
        return this;
    }

    public void removeListener(DetectionListener l) {
        listeners.remove(l);
    }

    /** A builder for the element with the same settings as its properties. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@code dff} element for Java-built pipelines; unset settings keep the property defaults. */
    public static final class Builder {
        private String name = "dff";
        private final java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        private final List<DetectionListener> ls = new java.util.ArrayList<>();
        private ModelSetFactory modelSets = ModelSetFactory.SHARED;

        /** Where the networks come from (default: the process-wide shared sets); tests give fakes. */
        public Builder modelSets(ModelSetFactory f) {
            modelSets = f;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder model(Path dir) {
            settings.put("model", dir.toString());
            return this;
        }

        public Builder keyInterval(int n) {
            settings.put("key-interval", Integer.toString(n));
            return this;
        }

        public Builder mode(Mode mode) {
            settings.put("mode", mode.nick());
            return this;
        }

        public Builder threshold(double t) {
            settings.put("threshold", Double.toString(t));
            return this;
        }

        public Builder device(Device d) {
            settings.put("device", d.nick());
            return this;
        }

        public Builder threads(int n) {
            settings.put("threads", Integer.toString(n));
            return this;
        }

        public Builder livePolicy(String policy) {
            settings.put("live-policy", policy);
            return this;
        }

        public Builder maxQueue(int frames) {
            settings.put("max-queue", Integer.toString(frames));
            return this;
        }

        public Builder listener(DetectionListener l) {
            ls.add(l);
            return this;
        }

        /**
         * Creates the element; values are validated as properties are (IllegalArgumentException naming them), all of
         * them before any native object exists, so a bad value leaves nothing behind.
         */
        public DffElement build() {
            ElementProperties check = new ElementProperties(FACTORY, PROPERTIES);
            settings.forEach(check::set);
            DffElement e = new DffElement(name, modelSets);
            settings.forEach(e::setProperty);
            ls.forEach(e::addListener);
            return e;
        }
    }

    @Override
    public Object getProperty(String name) {
        return props.get(name);
    }

    public DffElement setKeyInterval(int n) {
        setProperty("key-interval", Integer.toString(n));
        return this;
    }

    public DffElement setMode(Mode mode) {
        setProperty("mode", mode.nick());
        return this;
    }

    public DffElement setThreshold(double t) {
        setProperty("threshold", Double.toString(t));
        return this;
    }

    public DffElement setModel(Path dir) {
        setProperty("model", dir.toString());
        return this;
    }

    public DffElement setDevice(Device device) {
        setProperty("device", device.nick());
        return this;
    }

    private void applyToEngine() {
        if (stream != null) {
            stream.apply(settings(), threshold(stream.models()));
        }
    }

    /** The settings the properties hold now. */
    public DffSettings settings() {
        return DffSettings.of(props);
    }

    private float threshold(ModelSet m) {
        double t = settings().threshold();
        float v = t < 0 ? m.scoreThreshold() : (float) t;
        if (v < m.scoreFloor() && v > 0) {
            LOG.warn("{}: threshold {} is below the model set's score floor {}: nothing under the floor is decoded",
                    getName(), v, m.scoreFloor());
        }
        return v;
    }

    public Path modelPath() {
        Path m = settings().model();
        return m == null ? DffDefaults.requireDefaultModel() : m;
    }

    // ---- lifecycle --------------------------------------------------------------------------------------

    /**
     * Loads the model set now (otherwise the first buffer does). Call before PLAYING to fail early.
     *
     * @throws ModelSetException naming what is wrong with the model set
     */
    @Override
    public synchronized void prepare() {
        if (stream == null) {
            ModelSet set = load(modelPath());
            LOG.info("{}: model {}", getName(), set.describe());
            try {
                stream = new DffStream(set, settings(), threshold(set));
            } catch (RuntimeException e) {
                set.close();
                throw e;
            }
        }
    }

    /**
     * This stream's model set from the element's factory: by default the networks shared with every element of the
     * process that names the same folder, device and threads, with a flow of its own.
     */
    private ModelSet load(Path dir) {
        return modelSets.open(dir, settings());
    }

    /** The engine (null before {@link #prepare()} or the first buffer). */
    public synchronized DffEngine engine() {
        return stream == null ? null : stream.engine();
    }

    /** Frees the engine and the model set. The element can be prepared again afterwards. */
    @Override
    public synchronized void close() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    /**
     * Counters since creation. {@code latency}: from entering dff to leaving it (queue wait and inference);
     * {@code lateness}: on live streams, the clock's running time when the frame leaves dff minus the frame's own
     * running time (capture to here, upstream queues included), count 0 otherwise.
     */
    public record Stats(long frames, long keyFrames, long detections, double busySeconds, double wallSeconds,
            long dropped, LatencyStats.Summary latency, LatencyStats.Summary lateness,
            Map<KeyReason, Long> keyReasons) {

        public Stats {
            keyReasons = Map.copyOf(keyReasons);
        }

        /** Key frames for one reason. */
        public long keyFrames(KeyReason reason) {
            return keyReasons.getOrDefault(reason, 0L);
        }

        public double fps() {
            return wallSeconds > 0 ? (frames - 1) / wallSeconds : 0;
        }

        public double engineFps() {
            return busySeconds > 0 ? frames / busySeconds : 0;
        }
    }

    @Override
    public String summary() {
        Stats s = stats();
        StringJoiner why = new StringJoiner(", ", " (", ")");
        for (KeyReason r : KeyReason.values()) {
            if (s.keyFrames(r) > 0) {
                why.add(r.nick() + " " + s.keyFrames(r));
            }
        }
        StringBuilder sb = new StringBuilder(String.format("%s: %d frames, %d key frames%s, %d detections, %.1f fps "
                + "through the pipeline, %.1f fps engine only%n%s: %d dropped (live-policy=%s); in dff median %.1f "
                + "ms, p95 %.1f, max %.1f", getName(), s.frames(), s.keyFrames(), s.keyFrames() > 0 ? why : "",
                s.detections(), s.fps(),
                s.engineFps(), getName(), s.dropped(), props.getString("live-policy"), s.latency().medianMs(),
                s.latency().p95Ms(), s.latency().maxMs()));
        if (s.lateness().count() > 0) {
            sb.append(String.format("; live lateness median %.1f ms, p95 %.1f, max %.1f", s.lateness().medianMs(),
                    s.lateness().p95Ms(), s.lateness().maxMs()));
        }
        DffEngine e = engine();
        if (e != null) {
            sb.append(String.format("%n%s: per-call median (p95) ms:", getName()));
            for (Stage st : Stage.values()) {
                LatencyStats l = e.stats(st);
                if (l.count() > 0) {
                    sb.append(String.format(" %s %.2f (%.2f) x%d;", st.name().toLowerCase(Locale.ROOT),
                            l.quantileMillis(0.5), l.quantileMillis(0.95), l.count()));
                }
            }
        }
        return sb.toString();
    }

    public Stats stats() {
        return counters.snapshot(arrivals.dropped());
    }

    // ---- streaming ----------------------------------------------------------------------------------------

    private int onQueued(int type, Pointer buffer) {
        arrivals.arrived(RawBuffer.pts(buffer), System.nanoTime(), RawBuffer.hasFlag(buffer, RawBuffer.FLAG_DISCONT));
        return RawProbe.OK;
    }

    private int onBuffer(int type, Pointer info) {
        try {
            process(info);
        } catch (RuntimeException e) {
            fail(e);
            // the launcher and applications stop on the ERROR message; the buffer itself goes on unannotated
        }
        return RawProbe.OK;
    }

    private void process(Pointer info) {
        DffEngine e;
        synchronized (this) {
            prepare();
            e = stream.engine();
        }
        VideoLayout l = layout;
        if (l == null) {
            l = layoutFromPad();
        }
        Pointer buffer = RawProbe.makeWritableData(info);
        long pts = RawBuffer.pts(buffer);
        // the flag as it entered dff: the leaky queue flags every frame after a drop, and propagating across a
        // dropped frame is fine
        FrameArrivals.Arrival arrival = arrivals.leaving(pts);
        boolean discont = discontinuity || (arrival != null ? arrival.discontinuity()
                : RawBuffer.hasFlag(buffer, RawBuffer.FLAG_DISCONT));
        discontinuity = false;
        long arrived = arrival != null ? arrival.nanos() : -1;
        boolean late = postponeKeys && ((Number) queue.get("current-level-buffers")).intValue() > 0;
        long t0 = System.nanoTime();
        FrameResult result;
        try (RawBuffer.Mapping m = RawBuffer.map(buffer)) {
            result = e.process(l.frame(buffer, m.bytes()), discont, late);
        }
        long tm = System.nanoTime();
        FrameMeta.write(buffer, result);
        long t1 = System.nanoTime();
        counters.metadata.add(t1 - tm);
        counters.latency.add(t1 - (arrived > 0 ? arrived : t0));
        if (clock.live(identitySinkPtr)) {
            long behind = clock.lateness(pts);
            if (behind >= 0) {
                counters.lateness.add(behind);
            }
        }
        counters.frame(result, t1 - t0, t1);
        postStatsIfDue(pts);
        if (!listeners.isEmpty()) {
            for (DetectionListener listener : listeners) {
                try {
                    listener.onFrame(this, pts, result);
                } catch (RuntimeException ex) {
                    LOG.warn("{}: a detection listener failed: {}", getName(), ex.toString());
                }
            }
        }
        lastOutputNanos = System.nanoTime();
    }

    /** Posts a {@code dff-stats} element message once per stats-interval of stream time. */
    private void postStatsIfDue(long pts) {
        long every = statsIntervalNanos;
        if (every <= 0 || RawBuffer.isNone(pts)) {
            return;
        }
        if (lastStatsPts >= 0 && pts >= lastStatsPts && pts - lastStatsPts < every) {
            return;
        }
        lastStatsPts = pts;
        Stats s = stats();
        StringBuilder reasons = new StringBuilder();
        for (KeyReason r : KeyReason.values()) {
            reasons.append(String.format(Locale.ROOT, ", key-%s=(guint64)%d", r.nick(), s.keyFrames(r)));
        }
        GstNative.postElementMessage(self, String.format(Locale.ROOT, "dff-stats, frames=(guint64)%d, "
                + "key-frames=(guint64)%d%s, dropped=(guint64)%d, latency-median-ms=(double)%.3f, "
                + "latency-max-ms=(double)%.3f, lateness-median-ms=(double)%.3f, lateness-max-ms=(double)%.3f, "
                + "fps=(double)%.3f", s.frames(), s.keyFrames(), reasons, s.dropped(), s.latency().medianMs(),
                s.latency().maxMs(), s.lateness().medianMs(), s.lateness().maxMs(), s.fps()));
    }

    /** Each frame's time inside dff, from entering its queue to leaving (queue wait and inference). */
    public LatencyStats latencyStats() {
        return counters.latency;
    }

    /** Time spent attaching metadata to each buffer. */
    public LatencyStats metadataStats() {
        return counters.metadata;
    }

    /** {@link System#nanoTime()} when the last buffer left the element's processing (0: none yet). */
    public long lastOutputNanos() {
        return lastOutputNanos;
    }

    private VideoLayout layoutFromPad() {
        layout = VideoLayout.ofPad(srcPadPtr);
        return layout;
    }

    private void fail(RuntimeException e) {
        boolean model = e instanceof ModelSetException;
        // the bus message names the element already
        String text = (model ? "failed to load model: " : "processing failed: ") + e.getMessage();
        LOG.debug(text, e);
        GstNative.postError(self, model, model ? GstNative.RESOURCE_ERROR_NOT_FOUND : GstNative.STREAM_ERROR_FAILED,
                text, e.toString());
    }

    private int onSinkEvent(int type, Pointer event) {
        switch (RawProbe.typeNumber(event)) {
            case RawProbe.EVENT_FLUSH_STOP -> {
                discontinuity = true;
                arrivals.clear(); // flushed frames were not dropped by the policy
                resetEngine();
            }
            case RawProbe.EVENT_STREAM_START -> {
                discontinuity = true;
                clock.streamStart();
            }
            case RawProbe.EVENT_SEGMENT -> {
                discontinuity = true;
                clock.segment(event);
            }
            case RawProbe.EVENT_CAPS -> layout = null; // read from the pad on the next buffer
            default -> {
            }
        }
        return RawProbe.OK;
    }

    private synchronized void resetEngine() {
        if (stream != null) {
            stream.engine().reset();
        }
    }
}
