package org.gstdff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gstdff.model.TinyModelSet;

/** One tiny model set per test JVM, written on first use, for tests that only read it. */
public final class TestModels {

    private static Path tiny;

    private TestModels() {
    }

    public static synchronized Path tiny() {
        if (tiny == null) {
            try {
                Path tmp = Files.createTempDirectory("gstdff-tiny");
                tiny = TinyModelSet.write(tmp.resolve("tiny"), 11);
                tmp.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tiny;
    }
}
