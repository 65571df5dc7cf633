package org.gstdff.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gstdff.core.Redaction;
import org.gstdff.model.ModelSetException;

/** Entry point of {@code ./dff}: dispatches to a subcommand and exits with its status. */
public final class Main {

    /** A subcommand: returns the process exit status. */
    interface Command {
        int run(String[] args) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("launch", new LaunchCommand());
        COMMANDS.put("inspect", new InspectCommand());
        COMMANDS.put("demo", new DemoCommand());
        COMMANDS.put("import", new ImportCommand());
        COMMANDS.put("splits", new SplitsCommand());
        COMMANDS.put("eval", new EvalCommand());
        COMMANDS.put("example", new ExampleCommand());
        COMMANDS.put("soak", new SoakCommand());
        COMMANDS.put("bench", new BenchCommand());
        COMMANDS.put("make-flow-model", new FlowModelCommand());
        COMMANDS.put("train-flow", new TrainFlowCommand());
        COMMANDS.put("install-flow", new InstallFlowCommand());
        COMMANDS.put("flow-check", new FlowCheckCommand());
        COMMANDS.put("make-tiny-model", new TinyModelCommand());
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            System.err.println("usage: dff COMMAND [ARGS]\ncommands: " + String.join(", ", COMMANDS.keySet()));
            return 2;
        }
        try {
            return COMMANDS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length));
        } catch (UsageException | ModelSetException | IllegalArgumentException e) {
            System.err.println("dff " + args[0] + ": " + Redaction.text(e.getMessage()));
            return 2;
        } catch (Exception e) {
            System.err.println("dff " + args[0] + ": " + Redaction.text(e.toString()));
            return 1;
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
