package org.gstdff.gst;

import org.gstdff.core.Redaction;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.PadLinkReturn;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstObject;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.PadLinkException;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.freedesktop.gstreamer.event.EOSEvent;
import org.freedesktop.gstreamer.glib.GError;
import org.freedesktop.gstreamer.glib.Natives;
import org.freedesktop.gstreamer.message.MessageType;

/**
 * Builds and runs a pipeline from a gst-launch-style description in which the project's Java elements may
 * appear ({@link LaunchDescription}). Used by {@code ./dff launch}, the examples and the tests. An {@code identity
 * eos-after=N} passes exactly its first N - 1 buffers ({@link EosAfterCut}).
 */
public final class PipelineLauncher implements AutoCloseable {

    /** A description or setting that cannot be used: nothing ran. */
    public static final class LaunchException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LaunchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How a run ended. */
    public enum Outcome {
        EOS, ERROR, INTERRUPTED, TIMEOUT
    }

    private final Pipeline pipeline;
    private final Map<String, JavaElement> elements;
    private final List<GstNative.ProbeCallback> cuts; // identity eos-after's probes (EosAfterCut), kept reachable
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();
    private final AtomicReference<String> error = new AtomicReference<>();
    private volatile boolean closed;

    private PipelineLauncher(Pipeline pipeline, Map<String, JavaElement> elements) {
        this.pipeline = pipeline;
        this.elements = elements;
        this.cuts = EosAfterCut.install(pipeline);
        Bus bus = pipeline.getBus();
        bus.connect((Bus.EOS) src -> finish(Outcome.EOS));
        bus.connect((Bus.MESSAGE) (b, msg) -> {
            if (msg.getType() == MessageType.ERROR) {
                GstObject src = msg.getSource();
                String text = GstNative.parseError(Natives.getRawPointer(msg)) + location(src);
                error.compareAndSet(null, Redaction.text("ERROR from " + (src == null ? "pipeline" : src.getName())
                        + ": " + text + unlinkedJavaElements(text)));
                finish(Outcome.ERROR);
            } else if (msg.getType() == MessageType.WARNING) {
                String starved = starvedJavaElements(GstNative.parseWarning(Natives.getRawPointer(msg)),
                        msg.getSource());
                if (!starved.isEmpty()) {
                    GstObject src = msg.getSource();
                    error.compareAndSet(null, Redaction.text("ERROR from " + (src == null ? "pipeline"
                            : src.getName()) + ": " + starved));
                    finish(Outcome.ERROR);
                }
            }
        });
    }

    /**
     * On a not-linked error, the Java elements whose input never got linked: a dynamic pad (decodebin's) whose caps
     * they refused, which GStreamer reports only as "not-linked" from the demuxer or decoder.
     */
    private String unlinkedJavaElements(String text) {
        if (!text.contains("not-linked")) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String name : elements.keySet()) {
            // the description links upstream to the element's placeholder, which stays in front of it
            Element ph = pipeline.getElementByName(LaunchDescription.placeholderName(name));
            Element el = elements.get(name) instanceof Element e ? e : null;
            Pad sink = ph != null ? ph.getStaticPad("sink") : el != null ? el.getStaticPad("sink") : null;
            String refused = refusedInput(name, null);
            if (sink != null && sink.getPeer() == null && !refused.isEmpty()) {
                sb.append("; ").append(refused);
            }
        }
        return sb.toString();
    }

    /**
     * On GStreamer's "delayed linking failed" warning (the element with dynamic pads added its last one and none
     * could link to a Java element's placeholder), what that element cannot get. The warning comes when the pads
     * are known, before any data flows: the demuxer's not-linked error instead depends on the stream reaching it,
     * and a CI run once got neither it nor EOS within its 60 s.
     */
    private String starvedJavaElements(String text, GstObject upstream) {
        if (!text.contains("failed delayed linking")) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String name : elements.keySet()) {
            String refused = delayedLinkFailedTo(text, LaunchDescription.placeholderName(name))
                    ? refusedInput(name, upstream instanceof Element e ? e : null) : "";
            if (!refused.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(refused);
            }
        }
        return sb.toString();
    }

    /**
     * Whether GStreamer's parser warning {@code text} ("failed delayed linking some pad of X named a to some pad of
     * Y named b") names {@code element} as the link's target.
     */
    static boolean delayedLinkFailedTo(String text, String element) {
        int from = text.indexOf("failed delayed linking ");
        int to = from < 0 ? -1 : text.indexOf(" to ", from);
        int at = to < 0 ? -1 : text.indexOf(" named " + element, to);
        int end = at + " named ".length() + element.length();
        return at >= 0 && (end == text.length() || !isNameChar(text.charAt(end)));
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    /**
     * "NAME got no input: ... insert videoconvert before it" for a Java element that takes video, with the caps
     * {@code upstream}'s unlinked pads offer when known; empty for other elements.
     */
    private String refusedInput(String name, Element upstream) {
        JavaElement je = elements.get(name);
        String factory = je instanceof DffElement ? DffElement.FACTORY
                : je instanceof DffOverlayElement ? DffOverlayElement.FACTORY : null;
        if (factory == null) {
            return "";
        }
        List<String> offered = new ArrayList<>();
        if (upstream != null) {
            for (Pad pad : upstream.getSrcPads()) {
                Caps caps = pad.getPeer() == null ? pad.getCurrentCaps() : null;
                if (caps != null) {
                    offered.add(caps.toString());
                }
            }
        }
        String accepts = name + " accepts " + ElementRegistry.get(factory).caps();
        if (!offered.isEmpty() && offered.stream().noneMatch(c -> c.startsWith("video/x-raw"))) {
            // a demuxer's or parser's pads: the stream is still encoded
            return name + " got no input: " + upstream.getName() + " offers " + String.join(" and ", offered)
                    + ", " + accepts + ": insert decodebin ! videoconvert before it";
        }
        return name + " got no input: the decoder's output was refused, " + accepts + ": insert videoconvert before it"
                + (offered.isEmpty() ? "" : " (" + upstream.getName() + " offers " + String.join(" and ", offered)
                        + ")");
    }

    /** " (location: X)" for a source with a location property (rtspsrc's errors do not name the URL). */
    private static String location(GstObject src) {
        if (src instanceof Element e) {
            try {
                Object loc = e.get("location");
                return loc == null ? "" : " (location: " + Redaction.uri(loc.toString()) + ")";
            } catch (IllegalArgumentException noSuchProperty) {
                return "";
            }
        }
        return "";
    }

    private void finish(Outcome o) {
        outcome.compareAndSet(null, o);
        done.countDown();
    }

    /**
     * Parses the description, creates and links the Java elements, applies their properties and prepares them
     * (loads models, opens files).
     *
     * @throws LaunchException for a bad description, unknown element, bad property or unusable model
     */
    public static PipelineLauncher build(String description) {
        return build(description, Map.of());
    }

    /**
     * As {@link #build(String)}, with the Java elements named in {@code makers} made by those functions (given the
     * name) instead of their factories, e.g. a {@code dff} on networks of the caller's choosing; the description's
     * properties are set on them as on any other.
     */
    public static PipelineLauncher build(String description, Map<String, Function<String, Bin>> makers) {
        GstRuntime.init();
        LaunchDescription d;
        try {
            d = LaunchDescription.parse(description, new HashSet<>(ElementRegistry.names()));
        } catch (IllegalArgumentException e) {
            throw new LaunchException(Redaction.text("bad pipeline description: " + e.getMessage()), e);
        }
        List<GError> errors = new ArrayList<>();
        Element top;
        try {
            top = Gst.parseLaunch(d.gstDescription(), errors);
        } catch (RuntimeException e) {
            throw new LaunchException(Redaction.text("bad pipeline description: " + e.getMessage()), e);
        }
        if (!errors.isEmpty() || top == null) {
            String msg = errors.isEmpty() ? "could not parse" : errors.get(0).getMessage();
            if (top != null) {
                top.dispose();
            }
            throw new LaunchException("bad pipeline description: " + msg, null);
        }
        Pipeline pipeline;
        if (top instanceof Pipeline p) {
            pipeline = p;
        } else {
            pipeline = new Pipeline();
            pipeline.add(top);
        }
        Map<String, JavaElement> elements = new LinkedHashMap<>();
        try {
            for (LaunchDescription.Custom c : d.customs()) {
                elements.put(c.name(), insert(pipeline, c, makers.get(c.name())));
            }
            for (JavaElement e : elements.values()) {
                e.prepare();
            }
        } catch (RuntimeException e) {
            elements.values().forEach(JavaElement::close);
            pipeline.setState(State.NULL);
            pipeline.dispose();
            throw e instanceof LaunchException ? e : new LaunchException(Redaction.text(e.getMessage()), e);
        }
        return new PipelineLauncher(pipeline, elements);
    }

    /**
     * Replaces the placeholder by the Java element: the placeholder keeps its upstream links (a delayed link from
     * a sometimes pad still targets it) and the Java element takes over its downstream link and its name.
     */
    private static JavaElement insert(Pipeline pipeline, LaunchDescription.Custom c, Function<String, Bin> maker) {
        ElementRegistry.Factory f = ElementRegistry.get(c.factory());
        Element ph = pipeline.getElementByName(LaunchDescription.placeholderName(c.name()));
        if (ph == null) {
            throw new LaunchException("internal: placeholder for " + c.name() + " not found", null);
        }
        Bin parent = (Bin) ph.getParent();
        Bin element = (maker != null ? maker : f.create()).apply(c.name());
        JavaElement je = (JavaElement) element;
        for (Map.Entry<String, String> p : c.properties().entrySet()) {
            je.setProperty(p.getKey(), p.getValue());
        }
        Pad phSrc = ph.getStaticPad("src");
        Pad downstream = phSrc.getPeer();
        if (downstream != null) {
            phSrc.unlink(downstream);
        }
        if (!parent.add(element)) {
            throw new LaunchException("an element named '" + c.name() + "' already exists", null);
        }
        Pad sink = element.getStaticPad("sink");
        if (sink == null) { // a source: nothing may feed it, and the placeholder goes
            if (phSrc.getPeer() != null || ph.getStaticPad("sink").getPeer() != null) {
                throw new LaunchException(c.name() + " is a source: it must start a branch", null);
            }
            parent.remove(ph);
        }
        try {
            if (sink != null) {
                phSrc.link(sink);
            }
            if (downstream != null) {
                element.getStaticPad("src").link(downstream);
            }
        } catch (PadLinkException e) {
            if (e.getLinkResult() == PadLinkReturn.NOFORMAT) {
                Caps offered = phSrc.queryCaps(null);
                String what = offered == null ? "its caps" : offered.toString();
                throw new LaunchException(c.name() + ": the element before it offers " + what + ", but " + c.name()
                        + " accepts " + f.caps() + ": insert videoconvert before it", e);
            }
            throw new LaunchException("cannot link " + c.name() + ": " + e.getLinkResult(), e);
        }
        return je;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** The Java elements by name, in description order. */
    public Map<String, JavaElement> elements() {
        return elements;
    }

    /** Starts playing. */
    public void play() {
        if (pipeline.play() == StateChangeReturn.FAILURE) {
            // the bus usually says why; give it a moment to arrive
            try {
                done.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            error.compareAndSet(null, "ERROR: pipeline failed to start");
            finish(Outcome.ERROR);
        }
    }

    /** Asks for a clean end: EOS from the sources, so muxers finish their files. */
    public void sendEos() {
        pipeline.sendEvent(new EOSEvent());
    }

    /** Stops waiting and reports {@link Outcome#INTERRUPTED}. */
    public void interrupt() {
        finish(Outcome.INTERRUPTED);
    }

    /** Waits for EOS or an error, at most {@code timeoutMs} (0: no limit). */
    public Outcome await(long timeoutMs) throws InterruptedException {
        boolean ended = timeoutMs <= 0 ? awaitForever() : done.await(timeoutMs, TimeUnit.MILLISECONDS);
        if (!ended) {
            finish(Outcome.TIMEOUT);
        }
        return outcome.get();
    }

    private boolean awaitForever() throws InterruptedException {
        done.await();
        return true;
    }

    /** The first error message, or null. */
    public String error() {
        return error.get();
    }

    /** Plays to the end: EOS, error or timeout. Prints the Java elements' summaries to {@code out}. */
    public Outcome run(long timeoutMs, PrintStream out) throws InterruptedException {
        play();
        Outcome o = await(timeoutMs);
        pipeline.setState(State.NULL);
        if (out != null) {
            for (JavaElement e : elements.values()) {
                String s = Redaction.text(e.summary());
                if (s != null) {
                    out.println(s);
                }
            }
        }
        return o;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pipeline.setState(State.NULL);
        for (JavaElement e : elements.values()) {
            e.close();
        }
        pipeline.dispose();
    }
}
