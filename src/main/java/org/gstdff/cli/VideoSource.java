package org.gstdff.cli;

import java.nio.file.Path;

/** The head of the commands' pipelines: a video file decoded to RGB (what dff ingests with one copy). */
final class VideoSource {

    private VideoSource() {
    }

    /**
     * {@code filesrc ! decodebin ! videoconvert ! RGB ! }, and {@code identity eos-after=N ! } when {@code maxFrames}
     * > 0; ends with "! " so the next element follows.
     */
    static String rgb(Path video, int maxFrames) {
        return "filesrc location=\"" + video + "\" ! decodebin ! videoconvert ! video/x-raw,format=RGB ! "
                + (maxFrames > 0 ? "identity eos-after=" + maxFrames + " ! " : "");
    }
}
