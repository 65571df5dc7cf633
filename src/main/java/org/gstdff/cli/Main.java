package org.gstdff.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.gstdff.core.Redaction;
import org.gstdff.model.ModelSetException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code ./dff}'s Java commands. Every command answers {@code --help}; a bad or missing option value
 * exits 2 naming the option, other bad input (a missing file, a bad model set) exits 2 with what is wrong, and a
 * failure while running exits 1.
 */
@Command(name = "dff", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Deep Feature Flow video object detection as GStreamer elements.",
        subcommands = {LaunchCommand.class, InspectCommand.class, DemoCommand.class, EvalCommand.class,
                BenchCommand.class, SplitsCommand.class, SoakCommand.class, ImportCommand.class,
                ExampleCommand.class, TrainFlowCommand.class, AdaptCommand.class, FlowCheckCommand.class, FlowModelCommand.class,
                InstallFlowCommand.class, TinyModelCommand.class},
        footer = {"", "./dff itself also runs: test, setup, install-lib [MVN ARGS], install-models [DIR], "
                + "jmh [BENCHMARK]; demo, eval, bench, splits, train-flow, adapt and flow-check install what they need "
                + "first."})
public final class Main implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** No command: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        return commandLine().execute(args);
    }

    /** The command line, writing to the current System.out and System.err (tests replace them). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(System.out, true));
        cl.setErr(new PrintWriter(System.err, true));
        cl.setExpandAtFiles(false); // a pipeline word may start with @
        // everything after the description (or the example's name) is the description's (or the example's)
        cl.getSubcommands().get("launch").setStopAtPositional(true);
        cl.getSubcommands().get("example").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            PrintWriter err = c.getErr();
            err.println(name(c) + ": " + Redaction.text(e.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("See '" + name(c) + " --help'.");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            boolean usage = e instanceof UsageException || e instanceof ModelSetException
                    || e instanceof IllegalArgumentException;
            c.getErr().println(name(c) + ": " + Redaction.text(usage ? e.getMessage() : e.toString()));
            return usage ? 2 : 1;
        });
        return cl;
    }

    /** "dff" or "dff eval". */
    private static String name(CommandLine c) {
        return c.getParent() == null ? "dff" : "dff " + c.getCommandName();
    }

    /** The project's version, from the jar's manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"gst-dff " + (v == null ? "(checkout)" : v)};
        }
    }

    /** Bad arguments: exit status 2 with the message. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
