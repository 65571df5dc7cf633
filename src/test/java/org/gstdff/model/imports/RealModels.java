package org.gstdff.model.imports;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real detector files ./dff installs before running the tests. */
public final class RealModels {

    private RealModels() {
    }

    public static Path centernetJson() {
        return require(Path.of(".cache/npm/human-models/centernet.json"));
    }

    public static Path ssdSavedModel() {
        return require(Path.of(".cache/ssd/saved_model/saved_model.pb")).getParent();
    }

    public static Path ssdLabels() {
        return require(Path.of(".cache/ssd/mscoco_label_map.pbtxt"));
    }

    public static Path defaultSet() {
        return require(Path.of("models/default/model.json")).getParent();
    }

    public static Path vtest() {
        return require(Path.of(".cache/media/vtest.avi"));
    }

    private static Path require(Path p) {
        Path a = p.toAbsolutePath();
        if (!Files.exists(a)) {
            throw new IllegalStateException(a + " missing: run the tests through ./dff test, which installs it");
        }
        return a;
    }
}
