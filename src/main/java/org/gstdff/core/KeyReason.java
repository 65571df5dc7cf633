package org.gstdff.core;

import java.util.Locale;

/** Why a frame is a key frame. */
public enum KeyReason {
    /** The first frame of a stream, or the first after the key state was dropped (reset, mode change, failure). */
    START,
    /** A discontinuity: a flush, seek, gap or a change of frame size. */
    DISCONT,
    /** The key interval ran out (with the adaptive policy: the longest interval). */
    INTERVAL,
    /** The adaptive policy saw propagation failing. */
    ADAPTIVE,
    /** Most of the frame changed at once: propagation cannot help. */
    SCENE_CUT;

    /** As written in metadata, JSON and stats: start, discont, interval, adaptive, scene-cut. */
    public String nick() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The reason from its nick; null for null or an unknown text (metadata from a newer writer). */
    public static KeyReason ofNick(String nick) {
        for (KeyReason r : values()) {
            if (r.nick().equals(nick)) {
                return r;
            }
        }
        return null;
    }
}
