package org.gstdff.gst;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gstdff.model.TinyModelSet;

/** One tiny model set per test JVM, written on first use. */
final class TinyModels {

    private static Path dir;

    private TinyModels() {
    }

    static synchronized Path get() {
        if (dir == null) {
            try {
                Path tmp = Files.createTempDirectory("gstdff-tiny");
                dir = TinyModelSet.write(tmp.resolve("tiny"), 11);
                tmp.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}
