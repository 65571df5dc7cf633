package org.gstdff.gst;

import java.nio.file.Path;

import org.gstdff.engine.ModelSet;
import org.gstdff.model.SharedModelSets;

/**
 * Where a {@code dff} element gets its networks: by default the process-wide shared sets ({@link SharedModelSets});
 * tests give it fake networks.
 */
@FunctionalInterface
public interface ModelSetFactory {

    /**
     * This stream's model set for {@code dir}, with the element's settings (device, threads, flow and its precision).
     *
     * @throws org.gstdff.model.ModelSetException naming what is wrong with the set
     */
    ModelSet open(Path dir, DffSettings settings);

    /** The process-wide shared sets, each stream with its own flow. */
    ModelSetFactory SHARED = (dir, s) -> SharedModelSets.open(dir, s.device(), s.threads(), s.flowPrecision(),
            s.dis(), s.flowRefine());
}
