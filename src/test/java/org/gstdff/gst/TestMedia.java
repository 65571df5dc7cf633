package org.gstdff.gst;

import java.nio.file.Files;
import java.nio.file.Path;

/** Real clips installed by ./dff from Debian packages into .cache/media. */
final class TestMedia {

    private TestMedia() {
    }

    static Path vtest() {
        Path p = Path.of(".cache/media/vtest.avi").toAbsolutePath();
        if (!Files.isReadable(p)) {
            throw new IllegalStateException(p + " missing: run the tests through ./dff test, which installs it");
        }
        return p;
    }
}
