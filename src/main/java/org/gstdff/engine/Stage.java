package org.gstdff.engine;

/** The timed steps of processing one frame, and whole frames by kind. */
public enum Stage {
    INGEST, FEATURE, FLOW, WARP, TASK, TRACK,
    /** The adaptive key-frame policy's check (brightness grids and the residual). */
    CHECK,
    /** A whole key frame. */
    KEY_FRAME,
    /** A whole frame between key frames (propagated, tracked or held). */
    NON_KEY_FRAME,
    /** Any whole frame. */
    FRAME_TOTAL
}
