package com.example;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

import org.gstdff.core.Detection;
import org.gstdff.gst.DffElement;
import org.gstdff.gst.PipelineLauncher;

/**
 * An application outside gst-dff's checkout: runs a video file or an RTSP camera through {@code dff} and prints each
 * frame's people as the listener receives them.
 *
 * <pre>
 *   java -cp ... com.example.PeopleCounter VIDEO_FILE|rtsp://... [MODEL_SET_DIR]
 * </pre>
 *
 * Without a model set folder, gst-dff uses the default set that {@code ./dff install-models} installs in
 * {@code ~/.cache/gst-dff/models/default}.
 */
public final class PeopleCounter {

    private PeopleCounter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: PeopleCounter VIDEO_FILE|rtsp://... [MODEL_SET_DIR]");
            System.exit(2);
        }
        String source = args[0].startsWith("rtsp://") ? "dffsrc location=\"" + args[0] + "\""
                : "uridecodebin uri=\"" + URI.create("file://" + Path.of(args[0]).toAbsolutePath()) + "\"";
        String model = args.length > 1 ? " model=\"" + Path.of(args[1]).toAbsolutePath() + "\"" : "";
        // PipelineLauncher initialises GStreamer and links the Java elements into the description
        try (PipelineLauncher launcher = PipelineLauncher.build(source + " ! videoconvert ! dff name=detector"
                + model + " key-interval=5 ! fakesink sync=false")) {
            DffElement dff = (DffElement) launcher.elements().get("detector");
            // called on the streaming thread, once a frame: keep it short
            dff.addListener((element, pts, result) -> {
                long people = result.detections().stream().filter(d -> d.label().equals("person")).count();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.3f s %s %d people",
                        pts / 1e9, result.keyFrame() ? "key" : "+" + result.framesSinceKey(), people));
                for (Detection d : result.detections()) {
                    line.append(String.format(Locale.ROOT, " %s:%.2f", d.label(), d.confidence()));
                }
                System.out.println(line);
            });
            PipelineLauncher.Outcome outcome = launcher.run(0, null);
            System.out.println(dff.summary());
            if (outcome != PipelineLauncher.Outcome.EOS) {
                System.err.println(launcher.error());
                System.exit(1);
            }
        } // closing the launcher stops the pipeline and frees the element's model set
    }
}
