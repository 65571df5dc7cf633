package org.gstdff.cli;

import java.nio.file.Path;

import org.gstdff.model.TinyModelSet;

/** {@code dff make-tiny-model DIR [SEED]}: writes the tiny random model set (for tests and offline trials). */
final class TinyModelCommand implements Main.Command {

    @Override
    public int run(String[] args) throws Exception {
        if (args.length < 1) {
            throw new Main.UsageException("usage: dff make-tiny-model DIR [SEED]");
        }
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 11;
        Path dir = TinyModelSet.write(Path.of(args[0]), seed);
        System.out.println("wrote tiny model set to " + dir.toAbsolutePath());
        return 0;
    }
}
