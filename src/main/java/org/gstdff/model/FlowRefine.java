package org.gstdff.model;

import java.util.Locale;

import org.gstdff.core.LucasKanade;

/** Whether a stream's flow is refined by Lucas-Kanade steps ({@link LucasKanade}) before it is used. */
public enum FlowRefine {
    /** As the model set says (its flow description's {@code refine}) for its network; never for DIS. */
    AUTO,
    /** The flow as it comes. */
    NONE,
    /** Lucas-Kanade steps, with the set's settings where it has them, else {@link #DEFAULTS}; DIS too. */
    LUCAS_KANADE;

    /**
     * The settings used where a set has none: two steps (a cell moves up to a cell: the generic network needs the
     * reach) on grey images at twice the grid (256x256 for a 128x128 grid), a window of 7x7 cells (14x14 pixels), and
     * cells whose window the two frames agree on within 0.01 grey (2.5 of 255 levels, after the blur) left still and
     * not stepped: on vtest's fixed camera that skips ~57% of the warp and ~79% of the solves at the same person AP
     * (docs/ABLATION.md).
     */
    public static final LucasKanade.Settings DEFAULTS = new LucasKanade.Settings(2, 2, 14, 1e-4f, 0.01f);

    public String nick() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FlowRefine parse(String s) {
        for (FlowRefine r : values()) {
            if (r.nick().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown flow refinement '" + s + "': expected auto, none or "
                + "lucas-kanade");
    }

    /**
     * The steps a stream runs: null for none.
     *
     * @param network whether the flow is the set's network (DIS refines only when asked)
     */
    public LucasKanade.Settings resolve(ModelManifest manifest, boolean network) {
        LucasKanade.Settings own = manifest.flowRefinement();
        return switch (this) {
            case NONE -> null;
            case AUTO -> network ? own : null;
            case LUCAS_KANADE -> own != null ? own : DEFAULTS;
        };
    }
}
