package org.gstdff.cli;

import java.nio.file.Path;

import org.gstdff.gst.PipelineLauncher;

/** The head of the commands' pipelines: a video file decoded to RGB (what dff ingests with one copy). */
final class VideoSource {

    private VideoSource() {
    }

    /**
     * {@code filesrc ! decodebin ! videoconvert ! RGB ! }, and {@code identity eos-after=N + 1 ! } when {@code
     * maxFrames} = N > 0; ends with "! " so the next element follows. Built by {@link PipelineLauncher}, the identity
     * passes exactly the clip's first N frames (GStreamer 1.22's alone lets the decoder's frames in flight, from
     * later in the clip, through after them: {@code EosAfterCut}).
     */
    static String rgb(Path video, int maxFrames) {
        return "filesrc location=\"" + video + "\" ! decodebin ! videoconvert ! video/x-raw,format=RGB ! "
                + (maxFrames > 0 ? "identity eos-after=" + (maxFrames + 1) + " ! " : "");
    }
}
