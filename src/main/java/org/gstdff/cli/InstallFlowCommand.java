package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.nio.file.Path;

import org.gstdff.gst.DffDefaults;
import org.gstdff.train.FlowModelWriter;

/**
 * {@code dff install-flow [FLOW_DIR] [SET]}: makes a trained flow network (default models/flow, the committed one)
 * the flow network of a model set (default models/default). {@code ./dff} runs it after importing the detector.
 */
@Command(name = "install-flow", mixinStandardHelpOptions = true,
        description = "Make a trained flow network the flow network of a model set.")
final class InstallFlowCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FLOW_DIR",
            description = "the trained flow network (default: models/flow)")
    Path flowDir;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SET", description = "the model set (default: the default)")
    Path setDir;

    @Override
    public Integer call() throws Exception {
        Path flow = flowDir != null ? flowDir : DffDefaults.home().resolve("models/flow");
        Path set = setDir != null ? setDir : DffDefaults.defaultModel();
        FlowModelWriter.install(flow, set);
        System.out.println("installed flow network " + flow + " into " + set);
        return 0;
    }
}
