package org.gstdff.gst;

import java.util.List;

import org.freedesktop.gstreamer.Bin;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.GhostPad;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.glib.Natives;
import org.gstdff.core.FramePainter;

import com.sun.jna.Pointer;

/**
 * The {@code dffoverlay} element: draws each frame's detections (box, label, score; one colour per class) and a
 * key-frame badge into the video, in place. Place it after {@code dff}; it reads the metadata {@code dff} attached.
 */
public final class DffOverlayElement extends Bin implements JavaElement {

    public static final String FACTORY = "dffoverlay";
    public static final String DESCRIPTION = "Draws dff detections (boxes, labels, scores) and key-frame marks into "
            + "the video";
    public static final List<PropertySpec> PROPERTIES = List.of(
            PropertySpec.ofBoolean("show-key-frames", true, "Draw the KEY / +N badge in the top-left corner", true));

    private final ElementProperties props = new ElementProperties(FACTORY, PROPERTIES);
    private final Pointer padPtr;
    private final List<GstNative.ProbeCallback> probes; // reachable while the pad lives
    private VideoLayout layout; // streaming thread only
    private long frames;

    static {
        GstRuntime.init(); // before any instance: the Bin constructor already needs GStreamer
    }

    public DffOverlayElement(String name) {
        super(name);
        Element identity = ElementFactory.make("identity", name + "-identity");
        identity.set("silent", true);
        add(identity);
        addPad(new GhostPad("sink", identity.getStaticPad("sink")));
        addPad(new GhostPad("src", identity.getStaticPad("src")));
        Pad pad = identity.getStaticPad("src");
        padPtr = Natives.getRawPointer(pad);
        probes = List.of(RawProbe.addWithInfo(pad, RawProbe.BUFFER, this::onBuffer),
                RawProbe.add(pad, RawProbe.EVENT_DOWNSTREAM, this::onEvent));
    }

    private int onBuffer(int type, Pointer info) {
        if (layout == null) {
            try {
                layout = VideoLayout.ofPad(padPtr);
            } catch (IllegalArgumentException | IllegalStateException e) {
                GstNative.postError(Natives.getRawPointer(this), false, GstNative.STREAM_ERROR_FAILED,
                        getName() + ": cannot draw on this stream: " + e.getMessage(), e.toString());
                return RawProbe.DROP;
            }
        }
        Pointer buffer = RawProbe.makeWritableData(info);
        FrameMeta.Read meta = FrameMeta.read(buffer, layout.width(), layout.height());
        try (RawBuffer.Mapping m = RawBuffer.mapWritable(buffer)) {
            FramePainter painter = new FramePainter(layout.frame(buffer, m.bytes()));
            boolean badge = props.getBoolean("show-key-frames") && meta.hasFrameMeta();
            painter.drawResult(meta.detections(), badge && meta.keyFrame(), meta.keyReason(),
                    badge ? meta.framesSinceKey() : -1);
        }
        frames++;
        return RawProbe.OK;
    }

    private int onEvent(int type, Pointer event) {
        if (RawProbe.typeNumber(event) == RawProbe.EVENT_CAPS) {
            layout = null;
        }
        return RawProbe.OK;
    }

    @Override
    public void setProperty(String name, String value) {
        props.set(name, value);
    }

    @Override
    public Object getProperty(String name) {
        return props.get(name);
    }

    @Override
    public void prepare() {
        // nothing to acquire
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String summary() {
        return getName() + ": drew " + frames + " frames";
    }
}
