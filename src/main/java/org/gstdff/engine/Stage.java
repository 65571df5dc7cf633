package org.gstdff.engine;

/** The timed steps of processing one frame. */
public enum Stage {
    INGEST, FEATURE, FLOW, WARP, TASK, FRAME_TOTAL
}
