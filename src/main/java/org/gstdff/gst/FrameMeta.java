package org.gstdff.gst;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;
import org.gstdff.core.FrameResult;
import org.gstdff.core.Json;
import org.gstdff.core.KeyReason;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * Detection metadata on buffers, written by {@code dff} and read by {@code dffjson}, tests and applications.
 * <ul>
 * <li>One GstVideoRegionOfInterestMeta per detection (roi_type = label, x/y/w/h in pixels) with a
 * {@code detection} parameter in DL Streamer's layout: {@code label} (string), {@code label_id} (int),
 * {@code confidence} (double), {@code x_min y_min x_max y_max} (double, normalised to the frame).</li>
 * <li>One GstCustomMeta {@value #FRAME_META} per frame with {@code key_frame} (boolean), {@code key_reason}
 * (string, key frames only: start, discont, interval, adaptive, scene-cut), {@code frames_since_key} (int) and {@code detections} (string: a JSON array of {@code label}, {@code label_id},
 * {@code confidence}, {@code x_min y_min x_max y_max} normalised). On GStreamer 1.22 videoconvert and videoscale
 * drop the ROI metas' parameters (and videoscale rescales their boxes); the custom meta survives both, and its
 * normalised boxes stay right at any scale.</li>
 * </ul>
 * {@link #read} prefers the ROI parameters and falls back to the custom meta when a transform dropped them.
 */
public final class FrameMeta {

    public static final String FRAME_META = "DffFrameMeta";
    public static final String DETECTION = "detection";

    private static final int ROI_TYPE = GstLayout.ROI_META_TYPE;
    private static final int ROI_X = GstLayout.ROI_META_X; // then y, w, h

    // gst_meta_register_custom wants a NULL-terminated tag array, not NULL
    private static final Memory NO_TAGS = new Memory(com.sun.jna.Native.POINTER_SIZE);

    static {
        NO_TAGS.setPointer(0, null);
        GstNative.Core.INSTANCE.gst_meta_register_custom(FRAME_META, NO_TAGS, null, null, null);
    }

    /** What one buffer carries: the detections and the frame's key-frame information. */
    public record Read(boolean hasFrameMeta, boolean keyFrame, KeyReason keyReason, int framesSinceKey,
            List<Detection> detections) {
    }

    private FrameMeta() {
    }

    /** Adds the metas for {@code result} to a writable buffer. */
    static void write(Pointer buffer, FrameResult result) {
        GstNative.Core core = GstNative.Core.INSTANCE;
        GstNative.Video video = GstNative.Video.INSTANCE;
        double w = result.width();
        double h = result.height();
        for (Detection d : result.detections()) {
            BoundingBox b = d.box();
            int x = (int) Math.round(b.x1());
            int y = (int) Math.round(b.y1());
            int bw = (int) Math.max(0, Math.round(b.x2()) - x);
            int bh = (int) Math.max(0, Math.round(b.y2()) - y);
            Pointer roi = video.gst_buffer_add_video_region_of_interest_meta(buffer, d.label(), x, y, bw, bh);
            Pointer s = core.gst_structure_new_empty(DETECTION);
            core.gst_structure_set(s, "label", GstNative.G_TYPE_STRING, d.label(),
                    "label_id", GstNative.G_TYPE_INT, d.labelId(),
                    "confidence", GstNative.G_TYPE_DOUBLE, (double) d.confidence(),
                    "x_min", GstNative.G_TYPE_DOUBLE, b.x1() / w,
                    "y_min", GstNative.G_TYPE_DOUBLE, b.y1() / h,
                    "x_max", GstNative.G_TYPE_DOUBLE, b.x2() / w,
                    "y_max", GstNative.G_TYPE_DOUBLE, b.y2() / h, null);
            video.gst_video_region_of_interest_meta_add_param(roi, s); // takes s
        }
        Pointer meta = core.gst_buffer_add_custom_meta(buffer, FRAME_META);
        Pointer s = core.gst_custom_meta_get_structure(meta);
        core.gst_structure_set(s, "key_frame", GstNative.G_TYPE_BOOLEAN, result.keyFrame() ? 1 : 0,
                "frames_since_key", GstNative.G_TYPE_INT, result.framesSinceKey(),
                "detections", GstNative.G_TYPE_STRING, detectionsJson(result), null);
        if (result.reason() != null) {
            core.gst_structure_set(s, "key_reason", GstNative.G_TYPE_STRING, result.reason().nick(), null);
        }
    }

    private static String detectionsJson(FrameResult r) {
        List<Object> list = new ArrayList<>();
        for (Detection d : r.detections()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", d.label());
            m.put("label_id", d.labelId());
            m.put("confidence", (double) d.confidence());
            m.put("x_min", d.box().x1() / r.width());
            m.put("y_min", d.box().y1() / r.height());
            m.put("x_max", d.box().x2() / r.width());
            m.put("y_max", d.box().y2() / r.height());
            list.add(m);
        }
        return Json.write(list);
    }

    private static List<Detection> parseDetections(String json, int width, int height) {
        List<Detection> out = new ArrayList<>();
        for (Object o : (List<?>) Json.parse(json)) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.add(new Detection(((Number) m.get("label_id")).intValue(), (String) m.get("label"),
                    ((Number) m.get("confidence")).floatValue(), new BoundingBox(num(m, "x_min") * width,
                            num(m, "y_min") * height, num(m, "x_max") * width, num(m, "y_max") * height)));
        }
        return out;
    }

    private static double num(Map<?, ?> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    /** Reads the metas of a buffer; frame size is needed to turn normalised boxes back into pixels. */
    public static Read read(Pointer buffer, int width, int height) {
        GstNative.Core core = GstNative.Core.INSTANCE;
        GstNative.Video video = GstNative.Video.INSTANCE;
        List<Detection> out = new ArrayList<>();
        boolean paramsLost = false;
        PointerByReference state = new PointerByReference(Pointer.NULL);
        long api = video.gst_video_region_of_interest_meta_api_get_type();
        Pointer roi;
        while ((roi = core.gst_buffer_iterate_meta_filtered(buffer, state, api)) != null) {
            Pointer p = video.gst_video_region_of_interest_meta_get_param(roi, DETECTION);
            if (p == null) {
                // a ROI whose parameters a transform dropped, or one from another element: box and type only
                paramsLost = true;
                String type = GstNative.GLib.INSTANCE.g_quark_to_string(roi.getInt(ROI_TYPE));
                int x = roi.getInt(ROI_X);
                int y = roi.getInt(ROI_X + 4);
                out.add(new Detection(-1, type, Float.NaN, new BoundingBox(x, y, x + roi.getInt(ROI_X + 8),
                        y + roi.getInt(ROI_X + 12))));
                continue;
            }
            IntByReference id = new IntByReference();
            core.gst_structure_get_int(p, "label_id", id);
            out.add(new Detection(id.getValue(), core.gst_structure_get_string(p, "label"),
                    (float) dbl(p, "confidence"), new BoundingBox(dbl(p, "x_min") * width,
                            dbl(p, "y_min") * height, dbl(p, "x_max") * width, dbl(p, "y_max") * height)));
        }
        Pointer meta = core.gst_buffer_get_custom_meta(buffer, FRAME_META);
        if (meta == null) {
            return new Read(false, false, null, -1, out);
        }
        Pointer s = core.gst_custom_meta_get_structure(meta);
        String json = core.gst_structure_get_string(s, "detections");
        if (json != null && (paramsLost || out.isEmpty())) {
            out = parseDetections(json, width, height);
        }
        IntByReference key = new IntByReference();
        IntByReference since = new IntByReference();
        core.gst_structure_get_boolean(s, "key_frame", key);
        core.gst_structure_get_int(s, "frames_since_key", since);
        KeyReason reason = KeyReason.ofNick(core.gst_structure_get_string(s, "key_reason"));
        return new Read(true, key.getValue() != 0, reason, since.getValue(), out);
    }

    private static double dbl(Pointer s, String field) {
        DoubleByReference v = new DoubleByReference();
        GstNative.Core.INSTANCE.gst_structure_get_double(s, field, v);
        return v.getValue();
    }
}
