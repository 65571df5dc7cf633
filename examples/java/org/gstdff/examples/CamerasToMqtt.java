package org.gstdff.examples;

import org.gstdff.gst.PipelineLauncher;

/**
 * Several cameras in one process, their detections to an MQTT broker: one branch per camera (dffsrc, dff,
 * dffpublish), all dff elements sharing one loaded model set and keeping their key frames apart, each message
 * naming its camera ({@code cam0}, {@code cam1}, ...) on topic {@code TOPIC/camN}.
 * <pre>./dff example CamerasToMqtt tcp://HOST:PORT TOPIC MAX_FRAMES rtsp://CAM1 [rtsp://CAM2 ...]</pre>
 * MAX_FRAMES 0 runs until stopped.
 */
public final class CamerasToMqtt {

    private CamerasToMqtt() {
    }

    public static int run(String... args) throws InterruptedException {
        if (args.length < 4) {
            System.err.println("usage: CamerasToMqtt tcp://HOST:PORT TOPIC MAX_FRAMES rtsp://CAM1 [rtsp://CAM2 ...]");
            return 2;
        }
        int max = Integer.parseInt(args[2]);
        StringBuilder desc = new StringBuilder();
        for (int i = 3; i < args.length; i++) {
            int cam = i - 3;
            desc.append("dffsrc location=\"").append(args[i]).append("\" ! videoconvert ! ")
                    .append(max > 0 ? "identity eos-after=" + max + " ! " : "")
                    .append("dff live-policy=drop ! dffpublish address=\"").append(args[0]).append("\" topic=\"")
                    .append(args[1]).append("/cam").append(cam).append("\" stream=cam").append(cam)
                    .append(" ! fakesink sync=false ");
        }
        try (PipelineLauncher launcher = PipelineLauncher.build(desc.toString())) {
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
