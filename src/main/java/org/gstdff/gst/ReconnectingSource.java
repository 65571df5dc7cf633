package org.gstdff.gst;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GhostPad;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.elements.AppSrc;
import org.freedesktop.gstreamer.glib.Natives;
import org.gstdff.core.Redaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Pointer;

/**
 * The {@code dffsrc} element: a live source of decoded video from a camera URI that survives the camera going
 * away. The camera is read by a private pipeline ({@code rtspsrc ! decodebin ! videoconvert}, or
 * {@code uridecodebin} for other URIs) whose frames are handed to an {@code appsrc}, the element's only pad. A
 * watchdog rebuilds the private pipeline when it fails or stays silent for {@code timeout} seconds, so the outer
 * pipeline never sees the drop: it just gets no frames for a while, then frames again, the first one flagged
 * DISCONT (dff restarts with a key frame). The same idea as DeepStream's source bin and gst-plugins-rs'
 * fallbacksrc. Frames are stamped with the outer pipeline's running time on arrival.
 */
public final class ReconnectingSource extends Bin implements JavaElement {

    public static final String FACTORY = "dffsrc";
    public static final String DESCRIPTION = "Live decoded video from a camera URI (rtsp://, http://, file://), "
            + "rebuilt by a watchdog when the camera drops or goes silent";

    public static final List<PropertySpec> PROPERTIES = List.of(
            PropertySpec.ofString("location", null, "URI of the camera or stream (rtsp://HOST:PORT/PATH, file:///...)",
                    false),
            PropertySpec.ofDouble("timeout", 5, 0.1, 3600,
                    "Seconds without a frame after which the camera counts as gone and is reconnected", false),
            PropertySpec.ofDouble("retry-delay", 1, 0, 3600, "Seconds to wait before each reconnection attempt",
                    false),
            PropertySpec.ofInt("max-retries", -1, -1, 1000000,
                    "Reconnections in a row without a frame before the element posts an error (0: none, the "
                            + "first failure is the error; 2: three attempts in all); -1: forever", false),
            PropertySpec.ofInt("latency", 200, 0, 10000, "RTSP jitter buffer in milliseconds (rtspsrc latency)",
                    false),
            PropertySpec.ofEnum("protocols", "tcp", List.of("tcp", "udp"),
                    "RTSP transport (tcp survives lossy links and NAT; udp has less latency)", false),
            PropertySpec.ofString("user-id", null, "RTSP user name (as rtspsrc's user-id); overrides the location's",
                    false),
            PropertySpec.ofString("user-pw", null, "RTSP password (as rtspsrc's user-pw); visible in the command "
                    + "line: prefer credentials=", false),
            PropertySpec.ofString("credentials", null, "Where to read 'user:password' for the camera: env:NAME (an "
                    + "environment variable) or the path of a file only its owner may read (mode 600 or 400); never "
                    + "printed", false));

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingSource.class);
    private static final long TICK_MS = 100;
    /** Frames waiting in the appsrc beyond which new camera frames are dropped. */
    private static final long MAX_WAITING = 8;

    private final ElementProperties props = new ElementProperties(FACTORY, PROPERTIES);
    private final AppSrc appsrc;
    private final Pointer appsrcPtr;
    private final Pointer self;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    // frames handed to the appsrc; those that never left it (the pipeline stopped or flushed first) are
    // handed - frames: with dropped, every frame the camera gave is accounted for
    private final AtomicLong handed = new AtomicLong();
    private final GstNative.ProbeCallback delivered; // counts frames, reachable while the element lives

    // camera state, touched by the watchdog thread and (lastFrame, failure, discont) by the camera's threads
    private ScheduledExecutorService watchdog;
    private Pipeline camera;
    private GstNative.ProbeCallback probe; // reachable while the camera pipeline lives
    private volatile Pointer cameraPad; // the camera pipeline's sink pad
    private volatile long lastFrameNanos;
    private volatile long cameraStartNanos;
    private volatile String failure; // why the camera pipeline stopped; null while healthy
    private volatile boolean discont = true;
    private volatile boolean capsSet;
    private int attemptsWithoutFrame;
    private long framesAtStart;
    private String lastFailure = "";
    private Credentials credentials; // resolved at prepare(); null: none beyond the location's

    static {
        GstRuntime.init();
    }

    public ReconnectingSource(String name) {
        super(name);
        appsrc = (AppSrc) ElementFactory.make("appsrc", name + "-appsrc");
        appsrc.set("is-live", true);
        appsrc.set("format", org.freedesktop.gstreamer.Format.TIME);
        // never block the camera's thread: when the outer pipeline lags, new frames are dropped here (appsrc's own
        // leaky mode would flag the next frame DISCONT, which makes dff run a key frame it does not need)
        appsrc.set("block", false);
        add(appsrc);
        addPad(new GhostPad("src", appsrc.getStaticPad("src")));
        appsrcPtr = Natives.getRawPointer(appsrc);
        self = Natives.getRawPointer(this);
        delivered = RawProbe.add(appsrc.getStaticPad("src"), RawProbe.BUFFER, (type, buffer) -> {
            frames.incrementAndGet();
            return RawProbe.OK;
        });
        // appsrc asks for data once the outer pipeline is PLAYING: that is when the camera starts
        appsrc.connect((AppSrc.NEED_DATA) (src, size) -> {
            if (started.compareAndSet(false, true)) {
                startWatchdog();
            }
        });
    }

    @Override
    public synchronized void setProperty(String name, String value) {
        props.spec(name);
        if (started.get()) {
            throw new IllegalStateException(getName() + ": property '" + name + "' can only be set before start");
        }
        if (name.equals("user-pw")) {
            Redaction.secret(value);
        }
        props.set(name, value);
    }

    @Override
    public Object getProperty(String name) {
        return props.get(name);
    }

    /** Checks the location and reads the credentials; the camera itself is only contacted once the pipeline plays. */
    @Override
    public synchronized void prepare() {
        URI u = uri();
        credentials = Credentials.resolve(getName(), u, props.getString("user-id"), props.getString("user-pw"),
                props.getString("credentials"));
        if (credentials != null && !isRtsp()) {
            throw new IllegalArgumentException(getName() + ": credentials apply to rtsp:// locations, not "
                    + u.getScheme() + "://");
        }
        if ("file".equalsIgnoreCase(u.getScheme())) {
            // a missing file would otherwise only show as reconnection attempts that never get a frame
            java.nio.file.Path p;
            try {
                p = java.nio.file.Path.of(u);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(getName() + ": location '" + u + "' is not a file URI (expected "
                        + "file:///absolute/path): " + e.getMessage(), e);
            }
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw new IllegalArgumentException(getName() + ": location '" + u + "': no such file '" + p + "'");
            }
            if (!java.nio.file.Files.isReadable(p)) {
                throw new IllegalArgumentException(getName() + ": location '" + u + "': cannot read '" + p
                        + "' (permission denied)");
            }
        }
    }

    private URI uri() {
        String loc = props.getString("location");
        if (loc == null || loc.isBlank()) {
            throw new IllegalArgumentException(getName() + ": property 'location' is required (a URI such as "
                    + "rtsp://127.0.0.1:8554/cam)");
        }
        try {
            URI u = new URI(loc);
            if (u.getScheme() == null) {
                throw new IllegalArgumentException(getName() + ": location '" + Redaction.uri(loc)
                        + "' is not a URI (no scheme)");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(Redaction.text(getName() + ": location '" + loc + "' is not a URI: "
                    + e.getMessage()), e);
        }
    }

    private boolean isRtsp() {
        return uri().getScheme().toLowerCase(Locale.ROOT).startsWith("rtsp");
    }

    /**
     * The private pipeline's description. It never holds a password: an RTSP location's user information is taken
     * out and given to rtspsrc as properties once the pipeline is built.
     */
    String cameraDescription() {
        String loc = (isRtsp() ? Redaction.withoutUserInfo(uri()) : props.getString("location"))
                .replace("\"", "\\\"");
        String head = isRtsp()
                ? String.format(Locale.ROOT, "rtspsrc name=cam location=\"%s\" latency=%d protocols=%s ! decodebin",
                        loc, props.getInt("latency"), props.getString("protocols"))
                : String.format("uridecodebin uri=\"%s\"", loc);
        // a file plays at its own rate, like a camera; a network source is already paced
        return head + " ! videoconvert ! fakesink name=out sync=" + !isRtsp();
    }

    // ---- watchdog -----------------------------------------------------------------------------------------

    private synchronized void startWatchdog() {
        try {
            prepare(); // a Java-built pipeline may not have called it
        } catch (RuntimeException e) {
            GstNative.postError(self, true, GstNative.RESOURCE_ERROR_NOT_FOUND, Redaction.text(e.getMessage()),
                    Redaction.text(e.toString()));
            return;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, getName() + "-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.execute(this::startCamera);
        watchdog.scheduleWithFixedDelay(this::check, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** Watchdog thread: restarts the camera pipeline when it failed or went silent. */
    private void check() {
        try {
            if (appsrc.getState(0) == State.NULL) {
                stopAll(); // the outer pipeline stopped without close(): the next start begins afresh
                return;
            }
            if (camera == null) {
                return; // waiting for a scheduled restart
            }
            long now = System.nanoTime();
            long silentSince = Math.max(lastFrameNanos, cameraStartNanos);
            String why = failure;
            if (why == null && now - silentSince > (long) (props.getDouble("timeout") * 1e9)) {
                why = String.format(Locale.ROOT, "no frame for %.1f s", props.getDouble("timeout"));
            }
            if (why != null) {
                restart(why);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: watchdog: {}", getName(), Redaction.text(e.toString()));
        }
    }

    private void restart(String why) {
        stopCamera();
        boolean gotFrames = frames.get() > framesAtStart;
        attemptsWithoutFrame = gotFrames ? 0 : attemptsWithoutFrame + 1;
        lastFailure = why;
        int max = props.getInt("max-retries");
        if (max >= 0 && attemptsWithoutFrame > max) {
            String text = Redaction.text(String.format("%s: gave up after %d attempts without a frame "
                    + "(max-retries=%d): %s", props.getString("location"), attemptsWithoutFrame, max, why));
            LOG.error("{}: {}", getName(), text);
            GstNative.postError(self, true, GstNative.RESOURCE_ERROR_NOT_FOUND, text, Redaction.text(why));
            return;
        }
        long n = reconnects.incrementAndGet();
        LOG.warn("{}: camera lost ({}); reconnecting in {} s (attempt {})", getName(), Redaction.text(why),
                props.getDouble("retry-delay"), n);
        GstNative.postElementMessage(self, String.format(Locale.ROOT,
                "dffsrc-reconnect, attempt=(guint64)%d, reason=(string)\"%s\"", n,
                Redaction.text(why).replace("\"", "'")));
        watchdog.schedule(this::startCamera, (long) (props.getDouble("retry-delay") * 1000), TimeUnit.MILLISECONDS);
    }

    /** Watchdog thread: builds and plays the private pipeline. */
    private void startCamera() {
        try {
            failure = null;
            capsSet = false;
            discont = true;
            framesAtStart = frames.get();
            cameraStartNanos = System.nanoTime();
            Pipeline p = (Pipeline) Gst.parseLaunch(cameraDescription());
            Credentials c = credentials;
            if (c != null) {
                Element cam = p.getElementByName("cam");
                if (c.user() != null) {
                    cam.set("user-id", c.user());
                }
                if (c.password() != null) {
                    cam.set("user-pw", c.password());
                }
            }
            Bus bus = p.getBus();
            bus.connect((Bus.ERROR) (src, code, message) -> failure = Redaction.text("error from "
                    + (src == null ? "camera" : src.getName()) + ": " + message));
            bus.connect((Bus.EOS) src -> onCameraEos());
            Element out = p.getElementByName("out");
            cameraPad = Natives.getRawPointer(out.getStaticPad("sink"));
            probe = RawProbe.add(out.getStaticPad("sink"), RawProbe.BUFFER, this::onCameraFrame);
            camera = p;
            p.play();
        } catch (RuntimeException e) {
            failure = Redaction.text("cannot build the camera pipeline: " + e.getMessage());
            if (camera == null) {
                restart(failure);
            }
        }
    }

    private void onCameraEos() {
        if (isRtsp()) {
            failure = "the camera ended its stream";
        } else {
            GstNative.App.INSTANCE.gst_app_src_end_of_stream(appsrcPtr); // a file ends the stream
        }
    }

    private void stopCamera() {
        Pipeline p = camera;
        camera = null;
        if (p != null) {
            p.setState(State.NULL);
            p.dispose();
        }
        probe = null;
    }

    /** Camera streaming thread: hands the frame to the outer pipeline, stamped with its running time. */
    private int onCameraFrame(int type, Pointer buffer) {
        GstNative.Core core = GstNative.Core.INSTANCE;
        if (!capsSet) {
            Pointer caps = core.gst_pad_get_current_caps(cameraPad);
            if (caps != null) {
                GstNative.App.INSTANCE.gst_app_src_set_caps(appsrcPtr, caps);
                core.gst_caps_unref(caps);
                capsSet = true;
            }
        }
        lastFrameNanos = System.nanoTime();
        if (GstNative.App.INSTANCE.gst_app_src_get_current_level_buffers(appsrcPtr) >= MAX_WAITING) {
            dropped.incrementAndGet(); // the outer pipeline is not keeping up
            return RawProbe.OK;
        }
        long now = core.gst_element_get_current_running_time(appsrcPtr);
        // our own reference, then a writable (metadata-only) copy for the new timestamps; appsrc takes it
        Pointer b = core.gst_mini_object_make_writable(core.gst_mini_object_ref(buffer));
        RawBuffer.setTimestamps(b, now, now);
        if (discont) {
            RawBuffer.setFlag(b, RawBuffer.FLAG_DISCONT);
            discont = false;
        }
        GstNative.App.INSTANCE.gst_app_src_push_buffer(appsrcPtr, b); // takes b, also when it refuses it
        handed.incrementAndGet();
        return RawProbe.OK;
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------

    /**
     * Stops the watchdog and the camera; called after the outer pipeline reached NULL. Waits for the watchdog without
     * holding the element's lock, which the watchdog's own tasks take.
     */
    @Override
    public void close() {
        ScheduledExecutorService w;
        synchronized (this) {
            w = watchdog;
            watchdog = null;
        }
        if (w != null) {
            w.shutdownNow();
            try {
                w.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopAll();
    }

    private synchronized void stopAll() {
        if (watchdog != null) {
            watchdog.shutdown(); // no new ticks; this may be the watchdog's own last task
            watchdog = null;
        }
        stopCamera();
        started.set(false);
    }

    public long frames() {
        return frames.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    @Override
    public String summary() {
        return Redaction.text(String.format("%s: %d frames from %s, %d dropped (downstream too slow), %d "
                + "discarded (the pipeline was stopping), %d reconnections%s", getName(), frames.get(),
                props.getString("location"), dropped.get(), Math.max(0, handed.get() - frames.get()),
                reconnects.get(), reconnects.get() > 0 ? " (last: " + lastFailure + ")" : ""));
    }
}
