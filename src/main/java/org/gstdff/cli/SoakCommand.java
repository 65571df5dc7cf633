package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Format;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.event.SeekFlags;
import org.freedesktop.gstreamer.event.SeekType;
import org.gstdff.gst.DffDefaults;
import org.gstdff.gst.DffElement;
import org.gstdff.gst.PipelineLauncher;
import org.gstdff.model.OpenTensors;

/**
 * {@code dff soak [VIDEO] [--frames N] [--model DIR]}: a real clip looped without a gap (segment seeks) through
 * {@code dff} for at least N frames (the last pass runs to the end of the clip); prints resident memory every 1,000 frames, then the growth per 1,000 frames (least
 * squares over the samples after the first) and the frame images / feature maps still alive.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Loop a clip through dff for a long run and report resident memory.")
final class SoakCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "VIDEO", description = "default: .cache/media/vtest.avi")
    Path videoArg;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "20000", description = "at least this many frames "
            + "(default: ${DEFAULT-VALUE})")
    long target;

    @Option(names = "--model", paramLabel = "DIR", description = "model set (default: the default set)")
    Path modelDir;

    @Override
    public Integer call() throws Exception {
        Path video = videoArg != null ? videoArg : DffDefaults.home().resolve(".cache/media/vtest.avi");
        String model = modelDir == null ? "" : " model=\"" + modelDir + "\"";
        if (!Files.isReadable(video)) {
            throw new Main.UsageException("no such video: " + video);
        }
        String desc = VideoSource.rgb(video, 0) + "dff name=d key-interval=10" + model + " ! fakesink sync=false";
        List<long[]> samples = new ArrayList<>(); // frames, rss kB
        AtomicLong frames = new AtomicLong();
        long goal = target;
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            DffElement dff = (DffElement) l.elements().get("d");
            dff.addListener((e, pts, r) -> {
                long n = frames.incrementAndGet();
                if (n % 1000 == 0) {
                    long rss = ProcessMemory.rssKb();
                    synchronized (samples) {
                        samples.add(new long[] {n, rss});
                    }
                    Runtime rt = Runtime.getRuntime();
                    // RSS includes the committed Java heap, which may grow toward -Xmx without any leak
                    System.out.printf("%7d frames  RSS %6.1f MB  Java heap committed %6.1f MB used %6.1f MB  "
                            + "live tensors %d%n", n, rss / 1024.0, rt.totalMemory() / 1048576.0,
                            (rt.totalMemory() - rt.freeMemory()) / 1048576.0, OpenTensors.count());
                }
            });
            // loop: a segment seek makes the source post SEGMENT_DONE instead of EOS, and we seek again; the last
            // pass is a plain seek, so the stream ends with a real EOS (a pipeline EOS event would never be pushed
            // by a source whose task paused at the segment's end)
            l.pipeline().getBus().connect((Bus.SEGMENT_DONE) (src, format, position) -> {
                boolean last = frames.get() >= goal;
                l.pipeline().seek(1.0, Format.TIME, last ? EnumSet.noneOf(SeekFlags.class)
                        : EnumSet.of(SeekFlags.SEGMENT), SeekType.SET, 0, SeekType.NONE, -1);
            });
            l.pipeline().pause();
            if (l.pipeline().getState(30, TimeUnit.SECONDS) != State.PAUSED) {
                throw new IllegalStateException("pipeline did not preroll: " + l.error());
            }
            l.pipeline().seek(1.0, Format.TIME, EnumSet.of(SeekFlags.FLUSH, SeekFlags.SEGMENT), SeekType.SET, 0,
                    SeekType.NONE, -1);
            PipelineLauncher.Outcome o = l.run(0, System.out);
            if (o != PipelineLauncher.Outcome.EOS) {
                System.err.println(l.error());
                return 1;
            }
        }
        report(samples);
        return 0;
    }

    private static void report(List<long[]> samples) {
        if (samples.size() < 3) {
            System.out.println("too few samples for a trend");
            return;
        }
        List<long[]> s = samples.subList(1, samples.size()); // the first thousand frames warm up caches and pools
        double mx = 0;
        double my = 0;
        for (long[] p : s) {
            mx += p[0];
            my += p[1];
        }
        mx /= s.size();
        my /= s.size();
        double num = 0;
        double den = 0;
        for (long[] p : s) {
            num += (p[0] - mx) * (p[1] - my);
            den += (p[0] - mx) * (p[0] - mx);
        }
        double kbPerFrame = num / den;
        System.out.printf("RSS at %d frames %.1f MB, at %d frames %.1f MB; trend %.3f MB per 1,000 frames%n",
                s.get(0)[0], s.get(0)[1] / 1024.0, s.get(s.size() - 1)[0], s.get(s.size() - 1)[1] / 1024.0,
                kbPerFrame * 1000 / 1024.0);
    }
}
