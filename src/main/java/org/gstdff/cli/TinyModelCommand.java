package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.nio.file.Path;

import org.gstdff.model.TinyModelSet;

/** {@code dff make-tiny-model DIR [SEED]}: writes the tiny random model set (for tests and offline trials). */
@Command(name = "make-tiny-model", mixinStandardHelpOptions = true,
        description = "Write the tiny random model set (for tests and offline trials).")
final class TinyModelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "where to write the set")
    Path out;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SEED", defaultValue = "11",
            description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        Path dir = TinyModelSet.write(out, seed);
        System.out.println("wrote tiny model set to " + dir.toAbsolutePath());
        return 0;
    }
}
