package org.gstdff.gst;

import java.nio.file.Files;
import java.nio.file.Path;

import org.gstdff.model.ModelSetException;

/**
 * Where things are by default. No answer depends on the current directory: the checkout is named by the system
 * property {@code gstdff.home} or the environment variable {@code DFF_HOME} (both set by {@code ./dff}), and an
 * application outside the checkout finds the default model set where {@code ./dff install-models} puts it.
 */
public final class DffDefaults {

    private DffDefaults() {
    }

    /** The gst-dff checkout, or null when not running from one. */
    public static Path checkout() {
        String p = System.getProperty("gstdff.home", System.getenv("DFF_HOME"));
        return p == null || p.isBlank() ? null : Path.of(p).toAbsolutePath().normalize();
    }

    /** The checkout, for the command line's own files (media, outputs); ./dff always names it. */
    public static Path home() {
        Path c = checkout();
        if (c == null) {
            throw new IllegalStateException("gst-dff's command line runs from a checkout: start it with ./dff (which "
                    + "sets -Dgstdff.home), or set DFF_HOME to the checkout");
        }
        return c;
    }

    /**
     * The default model set: {@code models/default} of the checkout when running from one, otherwise the installed
     * one, {@code ${XDG_CACHE_HOME:-~/.cache}/gst-dff/models/default}.
     */
    public static Path defaultModel() {
        Path c = checkout();
        return c != null ? c.resolve("models").resolve("default") : installedModel();
    }

    /** Where {@code ./dff install-models} puts the default set for applications outside the checkout. */
    public static Path installedModel() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("gst-dff").resolve("models").resolve("default");
    }

    /** The default set, checked to exist, with the way to get one when it does not. */
    public static Path requireDefaultModel() {
        Path p = defaultModel();
        if (!Files.isRegularFile(p.resolve("model.json"))) {
            throw new ModelSetException("no model set given (property 'model', DffElement.builder().model(DIR)) and "
                    + "none installed at " + p + ": run `./dff install-models` in a gst-dff checkout to install the "
                    + "default set there (or `./dff install-models DIR` and point 'model' at DIR)");
        }
        return p;
    }
}
