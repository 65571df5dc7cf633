package org.gstdff.cli;

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
final class FlowModelCommand implements Main.Command {

    static final String USAGE = "usage: dff make-flow-model OUT [--model DIR] [--widths 16,32,64,96] [--correlation R] "
            + "[--input-scale 1|2] [--seed N]";

    @Override
    public int run(String[] args) throws Exception {
        Path out = null;
        Path model = DffDefaults.defaultModel();
        List<Integer> widths = List.of(16, 32, 64, 96);
        long seed = 1;
        int correlation = 0;
        int inputScale = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--widths" -> widths = EvalCommand.parseIntervals(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--correlation" -> correlation = Integer.parseInt(args[++i]);
                case "--input-scale" -> inputScale = Integer.parseInt(args[++i]);
                default -> {
                    if (args[i].startsWith("-") || out != null) {
                        throw new Main.UsageException(USAGE);
                    }
                    out = Path.of(args[i]);
                }
            }
        }
        if (out == null) {
            throw new Main.UsageException(USAGE);
        }
        FlowNetwork.Config config = FlowModelWriter.configFor(model, widths, correlation)
                .withInputScale(inputScale);
        FlowModelWriter.writeSet(model, out, config, FlowModelWriter.initial(seed), "flownet-untrained");
        System.out.println("wrote " + out.toAbsolutePath() + ": flow network widths " + widths
                + (correlation > 0 ? ", cost volumes +-" + correlation : "") + " on a "
                + config.gridWidth() + "x" + config.gridHeight() + " grid (untrained: zero flow, scale 1)");
        return 0;
    }
}
