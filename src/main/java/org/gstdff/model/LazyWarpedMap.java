package org.gstdff.model;

import org.gstdff.core.WarpedHeadMap;
import org.gstdff.engine.FeatureMap;

/**
 * A warped head map that is never computed in full: the decoder samples the key map through the flow at the cells
 * it reads ({@link WarpedHeadMap}). Holds no tensor; the key map it reads stays owned by the engine's key state.
 */
final class LazyWarpedMap implements FeatureMap {

    private final WarpedHeadMap map;

    LazyWarpedMap(WarpedHeadMap map) {
        this.map = map;
    }

    WarpedHeadMap map() {
        return map;
    }

    @Override
    public void close() {
        // nothing of its own
    }
}
