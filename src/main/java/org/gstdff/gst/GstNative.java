package org.gstdff.gst;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.DoubleByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few C calls gst1-java-core 1.4 does not wrap: region-of-interest and custom metas, structures, samples
 * with segments, and error messages. Raw pointers throughout; every caller documents who owns what.
 */
final class GstNative {

    private GstNative() {
    }

    /** GType values of the fundamental types (fixed by GLib: fundamental id << 2). */
    static final long G_TYPE_BOOLEAN = 5L << 2;
    static final long G_TYPE_INT = 6L << 2;
    static final long G_TYPE_DOUBLE = 15L << 2;
    static final long G_TYPE_STRING = 16L << 2;

    /** GstStreamError.FAILED and GstResourceError.NOT_FOUND / SETTINGS codes. */
    static final int STREAM_ERROR_FAILED = 1;
    static final int RESOURCE_ERROR_NOT_FOUND = 3;
    static final int RESOURCE_ERROR_SETTINGS = 13;

    interface Core extends Library {
        Core INSTANCE = Native.load("gstreamer-1.0", Core.class);

        void gst_mini_object_unref(Pointer obj);

        Pointer gst_mini_object_make_writable(Pointer obj);

        Pointer gst_buffer_get_meta(Pointer buffer, long apiType);

        boolean gst_buffer_map(Pointer buffer, Pointer mapInfo, int flags);

        void gst_buffer_unmap(Pointer buffer, Pointer mapInfo);

        Pointer gst_caps_get_structure(Pointer caps, int index);

        int gst_caps_get_size(Pointer caps);

        Pointer gst_pad_get_current_caps(Pointer pad);

        NativeLong gst_pad_add_probe(Pointer pad, int mask, ProbeCallback callback, Pointer userData,
                Pointer destroy);

        Pointer gst_buffer_iterate_meta_filtered(Pointer buffer, PointerByReference state, long apiType);

        Pointer gst_meta_register_custom(String name, Pointer tags, Pointer transform, Pointer userData,
                Pointer destroy);

        Pointer gst_buffer_add_custom_meta(Pointer buffer, String name);

        Pointer gst_buffer_get_custom_meta(Pointer buffer, String name);

        Pointer gst_custom_meta_get_structure(Pointer meta);

        Pointer gst_structure_new_empty(String name);

        Pointer gst_structure_new_from_string(String string);

        void gst_structure_set(Pointer structure, String field, Object... rest);

        boolean gst_structure_get_int(Pointer structure, String field, IntByReference value);

        boolean gst_structure_get_boolean(Pointer structure, String field, IntByReference value);

        boolean gst_structure_get_double(Pointer structure, String field, DoubleByReference value);

        String gst_structure_get_string(Pointer structure, String field);

        String gst_structure_get_name(Pointer structure);

        Pointer gst_message_new_error(Pointer src, Pointer error, String debug);

        boolean gst_element_post_message(Pointer element, Pointer message);

        int gst_stream_error_quark();

        void gst_message_parse_error(Pointer message, PointerByReference error, PointerByReference debug);

        void gst_message_parse_warning(Pointer message, PointerByReference error, PointerByReference debug);

        int gst_resource_error_quark();

        Pointer gst_message_new_element(Pointer src, Pointer structure);

        void gst_event_copy_segment(Pointer event, Pointer segment);

        long gst_segment_to_running_time(Pointer segment, int format, long position);

        Pointer gst_element_get_clock(Pointer element);

        long gst_element_get_base_time(Pointer element);

        long gst_clock_get_time(Pointer clock);

        void gst_object_unref(Pointer object);

        Pointer gst_pad_get_parent_element(Pointer pad);

        Pointer gst_query_new_latency();

        Pointer gst_mini_object_ref(Pointer obj);

        long gst_element_get_current_running_time(Pointer element);

        void gst_caps_unref(Pointer caps);

        boolean gst_pad_peer_query(Pointer pad, Pointer query);

        void gst_query_parse_latency(Pointer query, IntByReference live, LongByReference min, LongByReference max);
    }

    interface App extends Library {
        App INSTANCE = Native.load("gstapp-1.0", App.class);

        /** Takes the buffer. */
        int gst_app_src_push_buffer(Pointer appsrc, Pointer buffer);

        void gst_app_src_set_caps(Pointer appsrc, Pointer caps);

        int gst_app_src_end_of_stream(Pointer appsrc);

        long gst_app_src_get_current_level_buffers(Pointer appsrc);
    }

    /** GstPadProbeCallback. */
    interface ProbeCallback extends Callback {
        int invoke(Pointer pad, Pointer info, Pointer userData);
    }

    interface Video extends Library {
        Video INSTANCE = Native.load("gstvideo-1.0", Video.class);

        Pointer gst_buffer_add_video_region_of_interest_meta(Pointer buffer, String roiType, int x, int y, int w,
                int h);

        void gst_video_region_of_interest_meta_add_param(Pointer meta, Pointer structure);

        Pointer gst_video_region_of_interest_meta_get_param(Pointer meta, String name);

        long gst_video_region_of_interest_meta_api_get_type();

        long gst_video_meta_api_get_type();
    }


    interface GLib extends Library {
        GLib INSTANCE = Native.load("glib-2.0", GLib.class);

        Pointer g_error_new_literal(int domain, int code, String message);

        void g_error_free(Pointer error);

        String g_quark_to_string(int quark);

        void g_free(Pointer p);
    }

    /** The text of an ERROR message: its message plus GStreamer's debug detail (file, reason), as gst-launch shows. */
    static String parseError(Pointer message) {
        PointerByReference err = new PointerByReference();
        PointerByReference debug = new PointerByReference();
        Core.INSTANCE.gst_message_parse_error(message, err, debug);
        return text(err, debug);
    }

    /** The text of a WARNING message, as {@link #parseError} gives an error's. */
    static String parseWarning(Pointer message) {
        PointerByReference err = new PointerByReference();
        PointerByReference debug = new PointerByReference();
        Core.INSTANCE.gst_message_parse_warning(message, err, debug);
        return text(err, debug);
    }

    /** A parsed GError and debug string as one line; frees both. */
    private static String text(PointerByReference err, PointerByReference debug) {
        // GError: domain (4), code (4), message (char*) at 8
        String text = err.getValue() == null ? "unknown error" : err.getValue().getPointer(GstLayout.ERROR_MESSAGE).getString(0);
        String detail = debug.getValue() == null ? null : debug.getValue().getString(0);
        if (err.getValue() != null) {
            GLib.INSTANCE.g_error_free(err.getValue());
        }
        if (debug.getValue() != null) {
            GLib.INSTANCE.g_free(debug.getValue());
        }
        return detail == null || detail.isBlank() ? text : text + " (" + detail.replace('\n', ' ') + ")";
    }

    /** Posts an ELEMENT message carrying the structure given in its text form (gst_structure_from_string). */
    static void postElementMessage(Pointer element, String structure) {
        Core core = Core.INSTANCE;
        // whatever an element publishes passes here: no camera password leaves in a message
        Pointer s = core.gst_structure_new_from_string(org.gstdff.core.Redaction.text(structure));
        if (s == null) {
            throw new IllegalArgumentException("not a structure: " + structure);
        }
        core.gst_element_post_message(element, core.gst_message_new_element(element, s)); // each takes the last
    }

    /** Posts an ERROR message from {@code element} on its bus, as a C element's GST_ELEMENT_ERROR would. */
    static void postError(Pointer element, boolean resource, int code, String text, String debug) {
        Core core = Core.INSTANCE;
        int domain = resource ? core.gst_resource_error_quark() : core.gst_stream_error_quark();
        Pointer err = GLib.INSTANCE.g_error_new_literal(domain, code, org.gstdff.core.Redaction.text(text));
        try {
            // copies the GError
            Pointer msg = core.gst_message_new_error(element, err, org.gstdff.core.Redaction.text(debug));
            core.gst_element_post_message(element, msg); // takes the message
        } finally {
            GLib.INSTANCE.g_error_free(err);
        }
    }
}
