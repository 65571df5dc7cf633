package org.gstdff.examples;

import org.gstdff.gst.PipelineLauncher;

/**
 * An RTSP camera to JSON lines: one line per frame with the detections.
 * <pre>./dff example RtspToJsonLines rtsp://HOST:PORT/PATH OUT.jsonl [MAX_FRAMES]</pre>
 */
public final class RtspToJsonLines {

    private RtspToJsonLines() {
    }

    public static int run(String... args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: RtspToJsonLines rtsp://HOST:PORT/PATH OUT.jsonl [MAX_FRAMES]");
            return 2;
        }
        String limit = args.length > 2 ? "identity eos-after=" + Integer.parseInt(args[2]) + " ! " : "";
        String desc = "rtspsrc location=\"" + args[0] + "\" protocols=tcp latency=200 ! decodebin ! videoconvert ! "
                + limit + "dff ! dffjson location=\"" + args[1] + "\" ! fakesink sync=false";
        try (PipelineLauncher launcher = PipelineLauncher.build(desc)) {
            PipelineLauncher.Outcome o = launcher.run(0, System.out);
            if (o != PipelineLauncher.Outcome.EOS) {
                System.err.println(launcher.error());
                return 1;
            }
        }
        return 0;
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }
}
