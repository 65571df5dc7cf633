package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.nio.file.Path;
import java.util.List;

import org.gstdff.gst.DffDefaults;
import org.gstdff.train.FlowModelWriter;
import org.gstdff.train.FlowNetwork;

/**
 * {@code dff make-flow-model OUT [--model DIR] [--widths 16,32,64,96] [--correlation R] [--input-scale 1|2]
 * [--seed N]}: a copy of a model set whose flow
 * network is a freshly initialised {@link FlowNetwork} (it predicts zero flow and scale 1 until trained), e.g. to
 * measure an architecture's cost with {@code ./dff bench --model OUT}.
 */
@Command(name = "make-flow-model", mixinStandardHelpOptions = true,
        description = "Write a model set with an untrained flow network of a given architecture.")
final class FlowModelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "OUT", description = "the model set to write")
    Path out;

    @Option(names = "--model", paramLabel = "DIR", description = "the set to copy (default: the default set)")
    Path modelDir;

    @Option(names = "--widths", paramLabel = "W,...", defaultValue = "16,32,64,96",
            description = "channels per level (default: ${DEFAULT-VALUE})")
    String widthsText;

    @Option(names = "--correlation", paramLabel = "R", defaultValue = "0",
            description = "correlation radius, 0: none (default: ${DEFAULT-VALUE})")
    int correlation;

    @Option(names = "--input-scale", paramLabel = "1|2", defaultValue = "1", description = "default: ${DEFAULT-VALUE}")
    int inputScale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path model = modelDir != null ? modelDir : DffDefaults.defaultModel();
        List<Integer> widths = EvalCommand.parseIntervals(widthsText);
        FlowNetwork.Config config = FlowModelWriter.configFor(model, widths, correlation)
                .withInputScale(inputScale);
        FlowModelWriter.writeSet(model, out, config, FlowModelWriter.initial(seed), "flownet-untrained");
        System.out.println("wrote " + out.toAbsolutePath() + ": flow network widths " + widths
                + (correlation > 0 ? ", cost volumes +-" + correlation : "") + " on a "
                + config.gridWidth() + "x" + config.gridHeight() + " grid (untrained: zero flow, scale 1)");
        return 0;
    }
}
