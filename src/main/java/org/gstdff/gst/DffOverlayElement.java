package org.gstdff.gst;

import java.util.List;

import org.gstdff.core.FramePainter;

import com.sun.jna.Pointer;

/**
 * The {@code dffoverlay} element: draws each frame's detections (box, label, score; one colour per class) and a
 * key-frame badge into the video, in place. Place it after {@code dff}; it reads the metadata {@code dff} attached.
 */
public final class DffOverlayElement extends PassThroughElement {

    public static final String FACTORY = "dffoverlay";
    public static final String DESCRIPTION = "Draws dff detections (boxes, labels, scores) and key-frame marks into "
            + "the video";
    public static final List<PropertySpec> PROPERTIES = List.of(
            PropertySpec.ofBoolean("show-key-frames", true, "Draw the KEY / +N badge in the top-left corner", true));

    private VideoLayout layout; // streaming thread only
    private long frames;

    public DffOverlayElement(String name) {
        super(name, FACTORY, PROPERTIES);
    }

    @Override
    protected int onBuffer(int type, Pointer info) {
        if (layout == null) {
            try {
                layout = layout();
            } catch (IllegalArgumentException | IllegalStateException e) {
                GstNative.postError(self, false, GstNative.STREAM_ERROR_FAILED,
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

    @Override
    protected void capsChanged() {
        layout = null;
    }

    @Override
    protected boolean started() {
        return false; // show-key-frames may change while playing
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
