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

import org.gstdff.core.DetectionJson;

import com.sun.jna.Pointer;

/**
 * The {@code dffjson} element: passes buffers through unchanged and writes one JSON line per frame with the
 * detections {@code dff} attached ({@link DetectionJson}). {@code location=-} writes to standard output.
 */
public final class DffJsonElement extends PassThroughElement {

    public static final String FACTORY = "dffjson";
    public static final String DESCRIPTION = "Writes each frame's detections as a JSON line (gvametaconvert layout)";

    public static final List<PropertySpec> PROPERTIES = List.of(
            PropertySpec.ofString("location", "-", "File to write JSON lines to; - for standard output", false));

    private Writer writer; // guarded by this
    private long lines;

    public DffJsonElement(String name) {
        super(name, FACTORY, PROPERTIES);
    }

    @Override
    protected synchronized boolean started() {
        return writer != null;
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

    @Override
    protected int onBuffer(int type, Pointer info) {
        Pointer buffer = RawProbe.data(info);
        try {
            synchronized (this) {
                prepare();
                int[] size = frameSize(); // any raw format: dffjson may sit after videoconvert
                FrameMeta.Read r = FrameMeta.read(buffer, size[0], size[1]);
                writer.write(DetectionJson.line(RawBuffer.pts(buffer), size[0], size[1], r.keyFrame(),
                        r.keyReason(), r.framesSinceKey(), r.detections()));
                writer.write('\n');
                lines++;
                if ("-".equals(props.getString("location"))) {
                    writer.flush();
                }
            }
        } catch (IOException e) {
            GstNative.postError(self, true, GstNative.RESOURCE_ERROR_SETTINGS,
                    getName() + ": cannot write JSON: " + e.getMessage(), e.toString());
            return RawProbe.DROP;
        }
        return RawProbe.OK;
    }

    @Override
    protected void onEos() {
        flush();
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
