package org.gstdff.gst;

/**
 * Every GStreamer and GLib struct offset and size the project reads or writes through raw pointers (GStreamer 1.x,
 * 64-bit Linux). They are ABI-stable within GStreamer 1.x; {@code GstLayoutTest} checks each against the installed
 * GStreamer's introspection data, so a platform where one differs fails the test suite rather than a stream.
 */
final class GstLayout {

    /** sizeof(GstMiniObject): GstEvent.type and GstQuery.type follow it. */
    static final int MINI_OBJECT_SIZE = 64;
    /** GstMiniObject.flags. */
    static final int MINI_OBJECT_FLAGS = 16;

    /** GstBuffer.pts, .dts, .duration. */
    static final int BUFFER_PTS = 72;
    static final int BUFFER_DTS = 80;
    static final int BUFFER_DURATION = 88;

    /** GstEvent.type (and GstQuery.type). */
    static final int EVENT_TYPE = MINI_OBJECT_SIZE;

    /** sizeof(GstMapInfo), GstMapInfo.data, .size. */
    static final int MAP_INFO_SIZE = 104;
    static final int MAP_INFO_DATA = 16;
    static final int MAP_INFO_SIZE_FIELD = 24;

    /** GstPadProbeInfo.type, .data. */
    static final int PROBE_INFO_TYPE = 0;
    static final int PROBE_INFO_DATA = 16;

    /** sizeof(GstSegment). */
    static final int SEGMENT_SIZE = 120;

    /** GstVideoRegionOfInterestMeta.roi_type, .x (then y, w, h, 4 bytes each). */
    static final int ROI_META_TYPE = 16;
    static final int ROI_META_X = 28;

    /** GError.message. */
    static final int ERROR_MESSAGE = 8;

    private GstLayout() {
    }
}
