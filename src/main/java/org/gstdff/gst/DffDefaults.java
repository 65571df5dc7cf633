package org.gstdff.gst;

import java.nio.file.Path;

/** Where the project's default model set lives: {@code $DFF_HOME/models/default} (DFF_HOME: the checkout). */
public final class DffDefaults {

    private DffDefaults() {
    }

    public static Path home() {
        String p = System.getProperty("gstdff.home", System.getenv("DFF_HOME"));
        return Path.of(p == null ? "." : p).toAbsolutePath().normalize();
    }

    public static Path defaultModel() {
        return home().resolve("models").resolve("default");
    }
}
