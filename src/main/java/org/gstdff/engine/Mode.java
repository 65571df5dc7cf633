package org.gstdff.engine;

import java.util.Locale;

/** How non-key frames are handled. */
public enum Mode {
    /** Deep Feature Flow: propagate the key frame's features with the flow network, run the task network. */
    DFF("Deep Feature Flow: warp key-frame features with learned flow"),
    /** Per-frame baseline: the feature network on every frame. */
    FRAME("per-frame baseline: feature network on every frame"),
    /** Box-level baseline of interval-skipping products: re-emit the key frame's detections. */
    HOLD("box-hold baseline: repeat the key frame's detections"),
    /**
     * The box tracker of interval-skipping products: move each key-frame detection by the median flow inside its
     * box; no head runs.
     */
    TRACK("box-tracker baseline: move the key frame's boxes by the median flow inside each");

    private final String description;

    Mode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String nick() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String s) {
        for (Mode m : values()) {
            if (m.nick().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + s + "': expected dff, frame, hold or track");
    }
}
