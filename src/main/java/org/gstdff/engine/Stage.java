package org.gstdff.engine;

/** The timed steps of processing one frame. */
public enum Stage {
    INGEST, FEATURE, FLOW, TASK, FRAME_TOTAL
}
