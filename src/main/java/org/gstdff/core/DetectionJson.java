package org.gstdff.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One frame as a JSON line in the layout of DL Streamer's gvametaconvert: {@code timestamp} (ns),
 * {@code resolution}, {@code objects} (pixel box and a {@code detection} with normalised
 * {@code bounding_box}, {@code confidence}, {@code label_id}, {@code label}), plus {@code dff}: whether the
 * frame was a key frame, why ({@code key_reason}: start, discont, interval, adaptive, scene-cut; key frames only)
 * and how many frames since the key frame.
 */
public final class DetectionJson {

    private DetectionJson() {
    }

    /** @param keyReason why the frame is a key frame; null on other frames or when unknown */
    public static Map<String, Object> frame(long timestampNs, int width, int height, boolean keyFrame,
            KeyReason keyReason, int framesSinceKey, List<Detection> detections) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", timestampNs);
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("width", width);
        res.put("height", height);
        m.put("resolution", res);
        List<Object> objects = new ArrayList<>();
        for (Detection d : detections) {
            BoundingBox b = d.box();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("x", Math.round(b.x1()));
            o.put("y", Math.round(b.y1()));
            o.put("w", Math.round(b.width()));
            o.put("h", Math.round(b.height()));
            Map<String, Object> det = new LinkedHashMap<>();
            Map<String, Object> box = new LinkedHashMap<>();
            box.put("x_min", round(b.x1() / width));
            box.put("y_min", round(b.y1() / height));
            box.put("x_max", round(b.x2() / width));
            box.put("y_max", round(b.y2() / height));
            det.put("bounding_box", box);
            det.put("confidence", round(d.confidence()));
            det.put("label_id", d.labelId());
            det.put("label", d.label());
            o.put("detection", det);
            objects.add(o);
        }
        m.put("objects", objects);
        Map<String, Object> dff = new LinkedHashMap<>();
        dff.put("key_frame", keyFrame);
        if (keyFrame && keyReason != null) {
            dff.put("key_reason", keyReason.nick());
        }
        dff.put("frames_since_key", framesSinceKey);
        m.put("dff", dff);
        return m;
    }

    public static String line(long timestampNs, int width, int height, boolean keyFrame, KeyReason keyReason,
            int framesSinceKey, List<Detection> detections) {
        return Json.write(frame(timestampNs, width, height, keyFrame, keyReason, framesSinceKey, detections));
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
