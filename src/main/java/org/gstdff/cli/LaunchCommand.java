package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.util.List;
import java.util.ArrayList;
import org.gstdff.core.Redaction;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gstdff.gst.PipelineLauncher;

import sun.misc.Signal;

/**
 * {@code dff launch [-e] [-v] [--timeout SECONDS] DESCRIPTION... | -f FILE [NAME=VALUE ...]}: runs a gst-launch-1.0
 * style pipeline (given inline, or from a file in {@code pipelines/} with {@code ${NAME}} placeholders) in which
 * {@code dff} and {@code dffjson} may appear. Exit 0 at EOS, 1 on a GStreamer error, 2 for a bad description,
 * property or model set, 130 when interrupted without -e.
 */
@Command(name = "launch", mixinStandardHelpOptions = true, description = {
        "Run a gst-launch-1.0 style pipeline in which dff, dffjson, dffoverlay and dffsrc may appear.",
        "  dff launch [OPTIONS] \"PIPELINE DESCRIPTION\"",
        "  dff launch [OPTIONS] -f PIPELINE_FILE [NAME=VALUE ...]",
        "Exit 0 at EOS, 1 on a GStreamer error, 2 for a bad description, property or model set, 130 when "
                + "interrupted without -e. Options go before the description."})
final class LaunchCommand implements Callable<Integer> {

    @Option(names = {"-e", "--eos-on-shutdown"}, description = "on Ctrl-C or SIGTERM send EOS first, so files are "
            + "finished (a second signal stops at once)")
    boolean eosOnInterrupt;

    @Option(names = {"-v", "--verbose"}, description = "print the pipeline and its Java elements")
    boolean verbose;

    @Option(names = "--timeout", paramLabel = "S", description = "fail if no EOS within S seconds")
    Double timeout;

    @Option(names = "--duration", paramLabel = "S", description = "send EOS after S seconds (live sources)")
    Double duration;

    @Option(names = {"-f", "--file"}, paramLabel = "PIPELINE_FILE", description = "a pipeline file (pipelines/) "
            + "whose ${NAME} placeholders the NAME=VALUE arguments fill")
    Path file;

    @Parameters(arity = "0..*", paramLabel = "DESCRIPTION", description = "the pipeline (or NAME=VALUE with -f)")
    List<String> words = new ArrayList<>();

    private static double seconds(String option, Double value) throws Main.UsageException {
        if (value == null) {
            return 0;
        }
        if (!(value > 0)) {
            throw new Main.UsageException(option + " expects a positive number of seconds, got " + value);
        }
        return value;
    }

    @Override
    public Integer call() throws Exception {
        long timeoutMs = (long) (seconds("--timeout", timeout) * 1000);
        double duration = seconds("--duration", this.duration);
        StringBuilder desc = new StringBuilder();
        if (file != null) {
            Map<String, String> vars = new LinkedHashMap<>();
            for (String a : words) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new Main.UsageException("after -f FILE, expected NAME=VALUE, got '" + a + "'");
                }
                vars.put(a.substring(0, eq), a.substring(eq + 1));
            }
            desc.append(PipelineFile.read(file, vars));
        } else {
            desc.append(String.join(" ", words));
        }
        if (desc.length() == 0) {
            throw new Main.UsageException("no pipeline: give a DESCRIPTION or -f PIPELINE_FILE (see --help)");
        }
        PipelineLauncher launcher;
        try {
            launcher = PipelineLauncher.build(desc.toString());
        } catch (RuntimeException e) {
            System.err.println("ERROR: " + Redaction.text(e.getMessage()));
            return 2;
        }
        try (PipelineLauncher l = launcher) {
            boolean eos = eosOnInterrupt;
            // Ctrl-C and SIGTERM (docker stop, systemd) alike; a second one stops at once
            java.util.concurrent.atomic.AtomicInteger signals = new java.util.concurrent.atomic.AtomicInteger();
            sun.misc.SignalHandler onSignal = sig -> {
                if (eos && signals.getAndIncrement() == 0) {
                    System.err.println("SIG" + sig.getName() + ": sending EOS so outputs are finished (again to stop "
                            + "at once) ...");
                    l.sendEos();
                } else {
                    System.err.println("SIG" + sig.getName() + ": stopping pipeline ...");
                    l.interrupt();
                }
            };
            Signal.handle(new Signal("INT"), onSignal);
            Signal.handle(new Signal("TERM"), onSignal);
            if (verbose) {
                System.err.println("Pipeline: " + Redaction.text(desc.toString()));
                l.elements().forEach((name, e) -> System.err.println("  " + name + ": " + e.getClass().getSimpleName()));
            }
            long t0 = System.nanoTime();
            if (duration > 0) {
                long sleepMs = (long) (duration * 1000);
                Thread stopper = new Thread(() -> {
                    try {
                        Thread.sleep(sleepMs);
                        l.sendEos();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "launch-duration");
                stopper.setDaemon(true);
                stopper.start();
            }
            PipelineLauncher.Outcome o = l.run(timeoutMs, System.err);
            double secs = (System.nanoTime() - t0) / 1e9;
            switch (o) {
                case EOS:
                    System.err.printf("Got EOS after %.2f s%n", secs);
                    return 0;
                case ERROR:
                    System.err.println(Redaction.text(l.error()));
                    return 1;
                case TIMEOUT:
                    System.err.printf("ERROR: no EOS within %.1f s%n", timeoutMs / 1000.0);
                    return 1;
                default:
                    return 130;
            }
        }
    }
}
