package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.gstdff.core.Frame;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FrameImage;
import org.gstdff.eval.FlowAgreement;
import org.gstdff.gst.ClipReader;
import org.gstdff.gst.DffDefaults;
import org.gstdff.model.Device;
import org.gstdff.model.DisFlowNet;
import org.gstdff.model.TfModelSet;
import org.gstdff.train.FlowTrainer;
import org.gstdff.train.SyntheticPairs;

/**
 * {@code dff flow-check VIDEO [--model DIR] [--frames N] [--offsets 5,10]}: how much of the motion a set's flow
 * network recovers, against OpenCV DIS flow (the SFF baseline) on the same frame pairs: on the cells that DIS sees
 * moving by more than a feature pixel, the mean DIS magnitude, the network's magnitude and its component along
 * DIS's direction, the end-point error, and the network's motion where DIS sees none ({@link FlowAgreement}).
 * {@code --synthetic N} measures the same against the exact flow of N held-out synthetic pairs instead.
 */
@Command(name = "flow-check", mixinStandardHelpOptions = true, description = "How much of DIS's motion the set's "
        + "flow network recovers on moving cells (or, with --synthetic N, of the exact flow of N synthetic pairs).")
final class FlowCheckCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "VIDEO", description = "the clip (not with --synthetic)")
    Path video;

    @Option(names = "--model", paramLabel = "DIR", description = "model set (default: the default set)")
    Path modelDir;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "120", description = "default: ${DEFAULT-VALUE}")
    int frames;

    @Option(names = "--offsets", paramLabel = "D,...", defaultValue = "5,10",
            description = "key-to-current distances (default: ${DEFAULT-VALUE})")
    String offsetsText;

    @Option(names = "--synthetic", paramLabel = "N", defaultValue = "0", description = "synthetic pairs instead")
    int synthetic;

    @Option(names = "--photos", paramLabel = "DIR", description = "photos for the synthetic pairs (default: "
            + ".cache/photos)")
    Path photosDir;

    @Override
    public Integer call() throws Exception {
        Path model = modelDir != null ? modelDir : DffDefaults.defaultModel();
        List<Integer> offsets = EvalCommand.parseIntervals(offsetsText);
        Path photos = photosDir != null ? photosDir : DffDefaults.home().resolve(".cache/photos");
        if (synthetic > 0) {
            return synthetic(model, synthetic, photos);
        }
        if (video == null) {
            throw new Main.UsageException("flow-check needs VIDEO or --synthetic N (see --help)");
        }
        if (!Files.isRegularFile(video)) {
            throw new Main.UsageException("no such video: " + video);
        }
        int w = FlowTrainer.FRAME_WIDTH;
        int h = FlowTrainer.FRAME_HEIGHT;
        List<byte[]> clip = ClipReader.read(video, w, h, 1, frames);
        System.out.printf(Locale.ROOT, "%s: %d frames; flow of %s against OpenCV DIS (feature px)%n", video,
                clip.size(), model);
        System.out.println("offset  pairs  moving cells  DIS |f|  net |f|  along DIS  recovered  EPE   "
                + "net |f| where still");
        try (TfModelSet set = TfModelSet.load(model, Device.CPU); DisFlowNet dis = set.disFlowNet(DisFlowNet.Settings.REFERENCE)) {
            for (int off : offsets) {
                FlowAgreement agreement = new FlowAgreement(1.0, 0.2);
                int pairs = 0;
                for (int k = 0; k + off < clip.size(); k += 10) {
                    try (FrameImage key = ingest(set, clip.get(k), w, h);
                            FrameImage cur = ingest(set, clip.get(k + off), w, h);
                            FlowField net = set.flowNetwork().estimate(key, cur);
                            FlowField ref = dis.estimate(key, cur)) {
                        agreement.add(net.vectors(), ref.vectors());
                        pairs++;
                    }
                }
                FlowAgreement.Summary s = agreement.summary();
                System.out.printf(Locale.ROOT, "%6d  %5d  %12d  %7.2f  %7.2f  %9.2f  %8.0f%%  %4.2f  %8.3f%n", off,
                        pairs, s.movingCells(), s.referenceMagnitude(), s.magnitude(), s.along(),
                        100 * s.recovered(), s.epe(), s.stillMagnitude());
            }
        }
        return 0;
    }

    /**
     * The same measure against the exact flow of held-out synthetic pairs (a seed training never uses, a still
     * camera, pieces up to 20 px a frame at 384x288): how well the network fits the kind of data it learned from.
     */
    private static int synthetic(Path model, int pairs, Path photos) throws Exception {
        int w = FlowTrainer.FRAME_WIDTH;
        int h = FlowTrainer.FRAME_HEIGHT;
        try (TfModelSet set = TfModelSet.load(model, Device.CPU)) {
            SyntheticPairs gen = new SyntheticPairs(SyntheticPairs.loadPhotos(photos), SyntheticPairs.Config.training(
                    set.manifest().featureWidth(), set.manifest().featureHeight(), 0, 20), 99);
            FlowAgreement agreement = new FlowAgreement(1.0, 0.2);
            for (int i = 0; i < pairs; i++) {
                SyntheticPairs.Pair p = gen.next();
                try (FrameImage key = ingest(set, p.key(), w, h); FrameImage cur = ingest(set, p.current(), w, h);
                        FlowField net = set.flowNetwork().estimate(key, cur)) {
                    agreement.add(net.vectors(), p.flow());
                }
            }
            FlowAgreement.Summary s = agreement.summary();
            System.out.printf(Locale.ROOT, "%d synthetic pairs (seed 99) against their exact flow, %s:%n", pairs,
                    model);
            System.out.println("moving cells  true |f|  net |f|  along  recovered  EPE   net |f| where still");
            System.out.printf(Locale.ROOT, "%12d  %8.2f  %7.2f  %5.2f  %8.0f%%  %4.2f  %8.3f%n", s.movingCells(),
                    s.referenceMagnitude(), s.magnitude(), s.along(), 100 * s.recovered(), s.epe(),
                    s.stillMagnitude());
        }
        return 0;
    }

    private static FrameImage ingest(TfModelSet set, byte[] rgb, int w, int h) {
        return set.ingest().ingest(Frame.rgb(rgb, w, h));
    }
}
