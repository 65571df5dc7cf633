package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gstdff.gst.DffDefaults;
import java.util.Set;

import org.gstdff.gst.DffElement;
import org.gstdff.gst.FrameGrabber;
import org.gstdff.gst.PipelineLauncher;

/**
 * {@code dff demo [--out DIR] [--video FILE]}: runs vtest.avi through the default model set and dffoverlay to an
 * annotated MP4, JSON lines and a contact sheet of a few annotated frames, and prints where they are with a
 * one-line summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run vtest.avi through dff and "
        + "dffoverlay: an annotated MP4, JSON lines and a contact sheet (./dff demo installs what it needs first).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: out/demo)")
    Path out;

    @Option(names = "--video", paramLabel = "FILE", description = "the clip (default: .cache/media/vtest.avi)")
    Path video;

    @Override
    public Integer call() throws Exception {
        Path out = this.out != null ? this.out : DffDefaults.home().resolve("out").resolve("demo");
        Path video = this.video != null ? this.video : DffDefaults.home().resolve(".cache/media/vtest.avi");
        if (!Files.isReadable(video)) {
            throw new Main.UsageException("video " + video + " not found (./dff demo installs vtest.avi)");
        }
        Files.createDirectories(out);
        Path mp4 = out.resolve("demo.mp4");
        Path json = out.resolve("demo.jsonl");
        Path sheet = out.resolve("contact-sheet.png");
        String desc = VideoSource.rgb(video, 0)
                + "dff name=dff ! dffoverlay name=overlay ! dffjson location=\"" + json + "\" ! videoconvert ! video/x-raw,format=I420 ! "
                + "x264enc speed-preset=veryfast ! mp4mux ! filesink location=\"" + mp4 + "\"";
        System.err.println("dff demo: " + desc);
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            // a key frame and propagated frames at several points of the clip
            FrameGrabber grab = FrameGrabber.on(l.pipeline().getElementByName("overlay"),
                    Set.of(100, 105, 300, 309, 500, 504));
            PipelineLauncher.Outcome o = l.run(0, null);
            if (o != PipelineLauncher.Outcome.EOS) {
                System.err.println(l.error());
                return 1;
            }
            DffElement dff = (DffElement) l.elements().get("dff");
            DffElement.Stats s = dff.stats();
            System.out.println("annotated video: " + mp4);
            System.out.println("detections:      " + json);
            ContactSheet.write(grab.images(), 2, 0.5, sheet);
            System.out.println("contact sheet:   " + sheet);
            System.out.printf("summary: %d frames, %d key frames, %d detections, %.1f fps (engine %.1f fps), model %s%n",
                    s.frames(), s.keyFrames(), s.detections(), s.fps(), s.engineFps(),
                    dff.engine().models().describe());
        }
        return 0;
    }
}
