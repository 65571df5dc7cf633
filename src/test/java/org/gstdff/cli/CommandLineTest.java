package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every command answers --help, and a missing or bad option value exits 2 naming the option. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CommandLineTest {

    private static Map<String, CommandLine> commands() {
        return Main.commandLine().getSubcommands();
    }

    @Test
    void everyCommandAnswersHelp() {
        for (String name : commands().keySet()) {
            LaunchCommandTest.Run r = LaunchCommandTest.main(name, "--help");
            assertEquals(0, r.code(), name + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: dff " + name), name + ": " + r.out());
        }
        LaunchCommandTest.Run r = LaunchCommandTest.main("--help");
        assertEquals(0, r.code());
        for (String name : commands().keySet()) {
            assertTrue(r.out().contains("  " + name + " "), name + " listed: " + r.out());
        }
    }

    /**
     * picocli formats each description: a lone % (as in "95% confidence") printed a warning to standard error and the
     * text unformatted.
     */
    @Test
    void everyUsageRendersWithoutPicocliWarnings() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (CommandLine c : commands().values()) {
                assertTrue(c.getUsageMessage().contains("Usage: dff " + c.getCommandName()));
            }
        } finally {
            System.setErr(before);
        }
        String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(printed.contains("picocli WARN"), printed);
    }

    @Test
    void missingOptionValuesAreUsageErrorsNamingTheOption() {
        int checked = 0;
        for (Map.Entry<String, CommandLine> c : commands().entrySet()) {
            for (OptionSpec o : c.getValue().getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || o.arity().min() == 0) {
                    continue;
                }
                LaunchCommandTest.Run r = LaunchCommandTest.main(c.getKey(), o.longestName());
                assertEquals(2, r.code(), c.getKey() + " " + o.longestName() + ": " + r.err());
                assertTrue(r.err().contains("Missing required parameter for option '" + o.longestName() + "'"),
                        c.getKey() + " " + o.longestName() + ": " + r.err());
                checked++;
            }
        }
        assertTrue(checked > 40, "options checked: " + checked);
    }

    @Test
    void badNumbersAreUsageErrorsNamingTheOption() {
        int checked = 0;
        for (Map.Entry<String, CommandLine> c : commands().entrySet()) {
            for (OptionSpec o : c.getValue().getCommandSpec().options()) {
                Class<?> t = o.type();
                if (t != int.class && t != long.class && t != float.class && t != double.class
                        && t != Double.class) {
                    continue;
                }
                LaunchCommandTest.Run r = LaunchCommandTest.main(c.getKey(), o.longestName(), "abc");
                assertEquals(2, r.code(), c.getKey() + " " + o.longestName() + ": " + r.err());
                assertTrue(r.err().contains("Invalid value for option '" + o.longestName() + "': 'abc'"),
                        c.getKey() + " " + o.longestName() + ": " + r.err());
                checked++;
            }
        }
        assertTrue(checked > 15, "options checked: " + checked);
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        LaunchCommandTest.Run r = LaunchCommandTest.main("evall", "x.avi");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unmatched arguments from index 0: 'evall'"), r.err());
        assertTrue(r.err().contains("eval"), "suggests eval: " + r.err());
        r = LaunchCommandTest.main("eval", "x.avi", "--bogus");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
        r = LaunchCommandTest.main("eval", "x.avi", "--flows", "dis:slow");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("flow 'dis:slow'"), r.err());
    }

    /** ./dff COMMAND --help runs no installer first (no apt-get, no model import), for the script's own too. */
    @Test
    void theScriptAnswersHelpWithoutInstalling() throws Exception {
        List<String> names = new ArrayList<>(commands().keySet());
        names.addAll(List.of("test", "setup", "install-lib", "install-models", "jmh"));
        for (String name : names) {
            ProcessBuilder pb = new ProcessBuilder("./dff", name, "--help").redirectErrorStream(true);
            pb.environment().put("DFF_SKIP_BUILD", "1"); // no mvn compile under the running suite
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), name);
            assertEquals(0, p.exitValue(), name + ": " + out);
            assertTrue(out.toLowerCase(java.util.Locale.ROOT).contains("usage"), name + ": " + out);
            assertFalse(out.contains("installing") || out.contains("importing") || out.contains("fetching"),
                    name + " installed something first: " + out);
        }
        Process p = new ProcessBuilder("./dff", "--help").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        for (String name : names) {
            assertTrue(out.contains("  " + name + " ") || out.contains("  " + name + "\n"), name + " in: " + out);
        }
    }
}
