package org.gstdff.cli;

import java.nio.file.Path;

/** The head of the commands' pipelines: a video file decoded to RGB (what dff ingests with one copy). */
final class VideoSource {

    private VideoSource() {
    }

    /**
     * {@code filesrc ! decodebin ! videoconvert ! RGB ! }, and {@code identity eos-after=N + 1 ! } when {@code
     * maxFrames} = N > 0; ends with "! " so the next element follows. The first N frames that pass are the clip's
     * first N; one more, a later frame, follows, which callers must not use: GStreamer 1.22's identity passes N - 1
     * frames and then a frame from further on as its N-th before it ends the stream (eos-after=10 on vtest.avi gave
     * frames 0-8, then frame 98, 78 or 215 from run to run), so comparing runs frame by frame up to the N-th compared
     * a different image on the last frame of each.
     */
    static String rgb(Path video, int maxFrames) {
        return "filesrc location=\"" + video + "\" ! decodebin ! videoconvert ! video/x-raw,format=RGB ! "
                + (maxFrames > 0 ? "identity eos-after=" + (maxFrames + 1) + " ! " : "");
    }
}
