package org.gstdff.cli;

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
final class LaunchCommand implements Main.Command {

    private static double seconds(String option, String value) throws Main.UsageException {
        try {
            double s = Double.parseDouble(value);
            if (s > 0) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Main.UsageException(option + " expects a positive number of seconds, got '" + value + "'");
    }

    @Override
    public int run(String[] args) throws Exception {
        boolean eosOnInterrupt = false;
        boolean verbose = false;
        long timeoutMs = 0;
        double duration = 0;
        StringBuilder desc = new StringBuilder();
        Path file = null;
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (file != null) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new Main.UsageException("after -f FILE, expected NAME=VALUE, got '" + a + "'");
                }
                vars.put(a.substring(0, eq), a.substring(eq + 1));
            } else if (desc.length() == 0 && (a.equals("-f") || a.equals("--file")) && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (desc.length() == 0 && (a.equals("-e") || a.equals("--eos-on-shutdown"))) {
                eosOnInterrupt = true;
            } else if (desc.length() == 0 && (a.equals("-v") || a.equals("--verbose"))) {
                verbose = true;
            } else if (desc.length() == 0 && a.equals("--timeout") && i + 1 < args.length) {
                timeoutMs = (long) (seconds(a, args[++i]) * 1000);
            } else if (desc.length() == 0 && a.equals("--duration") && i + 1 < args.length) {
                duration = seconds(a, args[++i]);
            } else {
                desc.append(desc.length() == 0 ? "" : " ").append(a);
            }
        }
        if (file != null) {
            desc.append(PipelineFile.read(file, vars));
        }
        if (desc.length() == 0) {
            throw new Main.UsageException("usage: dff launch [-e] [-v] [--timeout S] [--duration S] \"PIPELINE "
                    + "DESCRIPTION\"\n       dff launch [-e] [-v] [--timeout S] [--duration S] -f PIPELINE_FILE "
                    + "[NAME=VALUE ...]\n  --timeout S: fail if no EOS within S seconds; --duration S: send EOS after "
                    + "S seconds (live sources)");
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
