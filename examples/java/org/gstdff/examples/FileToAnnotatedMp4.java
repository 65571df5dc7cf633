package org.gstdff.examples;

import org.gstdff.gst.PipelineLauncher;

/**
 * A video file in, an annotated MP4 out, with a gst-launch style description: the shortest way to use dff.
 * <pre>./dff example FileToAnnotatedMp4 INPUT OUTPUT.mp4 [KEY_INTERVAL]</pre>
 */
public final class FileToAnnotatedMp4 {

    private FileToAnnotatedMp4() {
    }

    public static int run(String... args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: FileToAnnotatedMp4 INPUT OUTPUT.mp4 [KEY_INTERVAL]");
            return 2;
        }
        String interval = args.length > 2 ? args[2] : "10";
        String desc = "filesrc location=\"" + args[0] + "\" ! decodebin ! videoconvert ! dff key-interval=" + interval
                + " ! dffoverlay ! videoconvert ! video/x-raw,format=I420 ! x264enc speed-preset=veryfast ! mp4mux ! "
                + "filesink location=\"" + args[1] + "\"";
        try (PipelineLauncher launcher = PipelineLauncher.build(desc)) {
            PipelineLauncher.Outcome o = launcher.run(0, System.out);
            if (o != PipelineLauncher.Outcome.EOS) {
                System.err.println(launcher.error());
                return 1;
            }
        }
        System.out.println("wrote " + args[1]);
        return 0;
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }
}
