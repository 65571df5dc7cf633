package org.gstdff.gst;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.GhostPad;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.glib.Natives;
import org.gstdff.core.DetectionJson;

import com.sun.jna.Pointer;

/**
 * The {@code dffjson} element: passes buffers through unchanged and writes one JSON line per frame with the
 * detections {@code dff} attached ({@link DetectionJson}). {@code location=-} writes to standard output.
 */
public final class DffJsonElement extends Bin implements JavaElement {

    public static final String FACTORY = "dffjson";
    public static final String DESCRIPTION = "Writes each frame's detections as a JSON line (gvametaconvert layout)";

    public static final List<PropertySpec> PROPERTIES = List.of(
            PropertySpec.ofString("location", "-", "File to write JSON lines to; - for standard output", false));

    private final ElementProperties props = new ElementProperties(FACTORY, PROPERTIES);
    private final Element identity;
    private final Pad pad;
    private final Pointer padPtr;
    private final List<GstNative.ProbeCallback> probes; // reachable while the pad lives
    private Writer writer; // guarded by this
    private long lines;
    private int width;
    private int height;

    static {
        GstRuntime.init(); // before any instance: the Bin constructor already needs GStreamer
    }

    public DffJsonElement(String name) {
        super(name);
        identity = ElementFactory.make("identity", name + "-identity");
        identity.set("silent", true);
        add(identity);
        addPad(new GhostPad("sink", identity.getStaticPad("sink")));
        addPad(new GhostPad("src", identity.getStaticPad("src")));
        pad = identity.getStaticPad("src");
        padPtr = Natives.getRawPointer(pad);
        probes = List.of(RawProbe.add(pad, RawProbe.BUFFER, this::onBuffer),
                RawProbe.add(pad, RawProbe.EVENT_DOWNSTREAM, this::onEvent));
    }

    @Override
    public synchronized void setProperty(String name, String value) {
        if (writer != null) {
            throw new IllegalStateException(getName() + ": property '" + name + "' can only be set before start");
        }
        props.set(name, value);
    }

    @Override
    public Object getProperty(String name) {
        return props.get(name);
    }

    @Override
    public synchronized void prepare() {
        if (writer != null) {
            return;
        }
        String loc = props.getString("location");
        if ("-".equals(loc)) {
            writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            return;
        }
        // like filesink: the folder must exist, nothing is created but the file
        Path p = Path.of(loc);
        try {
            writer = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(getName() + ": cannot open location '" + loc + "' for writing: "
                    + reason(p, e), e);
        }
    }

    /** Why a file could not be opened, in words (the JDK's exceptions often give only the path). */
    static String reason(Path p, IOException e) {
        Path dir = p.toAbsolutePath().getParent();
        if (e instanceof java.nio.file.NoSuchFileException && dir != null && !Files.isDirectory(dir)) {
            return "no such directory '" + dir + "'";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (Files.isDirectory(p)) {
            return "it is a directory";
        }
        return e.getMessage() != null && !e.getMessage().equals(p.toString()) ? e.getMessage() : e.toString();
    }

    private int onBuffer(int type, Pointer buffer) {
        try {
            synchronized (this) {
                prepare();
                if (width == 0) {
                    readSize();
                }
                FrameMeta.Read r = FrameMeta.read(buffer, width, height);
                writer.write(DetectionJson.line(RawBuffer.pts(buffer), width, height, r.keyFrame(),
                        r.keyReason(), r.framesSinceKey(), r.detections()));
                writer.write('\n');
                lines++;
                if ("-".equals(props.getString("location"))) {
                    writer.flush();
                }
            }
        } catch (IOException e) {
            GstNative.postError(Natives.getRawPointer(this), true, GstNative.RESOURCE_ERROR_SETTINGS,
                    getName() + ": cannot write JSON: " + e.getMessage(), e.toString());
            return RawProbe.DROP;
        }
        return RawProbe.OK;
    }

    private void readSize() {
        int[] size = VideoLayout.sizeOfPad(padPtr); // any raw format: dffjson may sit after videoconvert
        width = size[0];
        height = size[1];
    }

    private int onEvent(int type, Pointer event) {
        int t = RawProbe.typeNumber(event);
        if (t == RawProbe.EVENT_CAPS) {
            synchronized (this) {
                width = 0; // re-read from the new caps on the next buffer
            }
        } else if (t == RawProbe.EVENT_EOS) {
            flush();
        }
        return RawProbe.OK;
    }

    private synchronized void flush() {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (writer == null) {
            return;
        }
        try {
            if ("-".equals(props.getString("location"))) {
                writer.flush(); // never close standard output
            } else {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer = null;
        }
    }

    public synchronized long lines() {
        return lines;
    }

    @Override
    public String summary() {
        return getName() + ": " + lines() + " JSON lines to " + props.getString("location");
    }
}
