package org.gstdff.cli;

import java.nio.file.Path;

import org.gstdff.gst.DffDefaults;
import org.gstdff.train.FlowModelWriter;

/**
 * {@code dff install-flow [FLOW_DIR] [SET]}: makes a trained flow network (default models/flow, the committed one)
 * the flow network of a model set (default models/default). {@code ./dff} runs it after importing the detector.
 */
final class InstallFlowCommand implements Main.Command {

    @Override
    public int run(String[] args) throws Exception {
        if (args.length > 2) {
            throw new Main.UsageException("usage: dff install-flow [FLOW_DIR] [SET]");
        }
        Path flow = args.length > 0 ? Path.of(args[0]) : DffDefaults.home().resolve("models/flow");
        Path set = args.length > 1 ? Path.of(args[1]) : DffDefaults.defaultModel();
        FlowModelWriter.install(flow, set);
        System.out.println("installed flow network " + flow + " into " + set);
        return 0;
    }
}
