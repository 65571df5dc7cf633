package org.gstdff.gst;

import java.nio.ByteBuffer;

import org.gstdff.core.Frame;
import org.gstdff.core.PixelFormat;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * Width, height, format and row layout of raw video buffers with given caps. The default stride is GStreamer's
 * (rows padded to 4 bytes); a GstVideoMeta on the buffer overrides stride and offset.
 */
record VideoLayout(int width, int height, PixelFormat format, int stride) {

    // offsets in GstVideoMeta (GStreamer 1.22, 64-bit): offset[0] at 48, stride[0] at 80
    private static final int VIDEO_META_OFFSET0 = 48;
    private static final int VIDEO_META_STRIDE0 = 80;

    /** From a raw GstCaps pointer (borrowed). */
    static VideoLayout fromCaps(Pointer caps) {
        GstNative.Core core = GstNative.Core.INSTANCE;
        if (caps == null || core.gst_caps_get_size(caps) < 1) {
            throw new IllegalArgumentException("no caps on the video stream");
        }
        Pointer s = core.gst_caps_get_structure(caps, 0);
        String name = core.gst_structure_get_name(s);
        if (!"video/x-raw".equals(name)) {
            throw new IllegalArgumentException("expected video/x-raw, got " + name);
        }
        String format = core.gst_structure_get_string(s, "format");
        IntByReference w = new IntByReference();
        IntByReference h = new IntByReference();
        if (format == null || !core.gst_structure_get_int(s, "width", w) || !core.gst_structure_get_int(s, "height", h)) {
            throw new IllegalArgumentException("caps lack format, width or height");
        }
        return of(w.getValue(), h.getValue(), PixelFormat.fromCaps(format));
    }

    /** Width and height from raw-video caps of any format (a borrowed GstCaps pointer). */
    static int[] size(Pointer caps) {
        GstNative.Core core = GstNative.Core.INSTANCE;
        Pointer s = core.gst_caps_get_structure(caps, 0);
        IntByReference w = new IntByReference();
        IntByReference h = new IntByReference();
        if (!core.gst_structure_get_int(s, "width", w) || !core.gst_structure_get_int(s, "height", h)) {
            throw new IllegalArgumentException("caps lack width or height");
        }
        return new int[] {w.getValue(), h.getValue()};
    }

    /** The layout of the caps currently on a pad (raw pointer); throws when it has none yet. */
    static VideoLayout ofPad(Pointer pad) {
        Pointer caps = currentCaps(pad);
        try {
            return fromCaps(caps);
        } finally {
            GstNative.Core.INSTANCE.gst_mini_object_unref(caps);
        }
    }

    /** Width and height of the raw-video caps currently on a pad, any format. */
    static int[] sizeOfPad(Pointer pad) {
        Pointer caps = currentCaps(pad);
        try {
            return size(caps);
        } finally {
            GstNative.Core.INSTANCE.gst_mini_object_unref(caps);
        }
    }

    private static Pointer currentCaps(Pointer pad) {
        Pointer caps = GstNative.Core.INSTANCE.gst_pad_get_current_caps(pad);
        if (caps == null) {
            throw new IllegalStateException("buffer before caps");
        }
        return caps;
    }

    /** GStreamer's default layout: rows padded to a multiple of 4 bytes. */
    static VideoLayout of(int width, int height, PixelFormat format) {
        int row = width * format.bytesPerPixel();
        return new VideoLayout(width, height, format, (row + 3) & ~3);
    }

    /** A frame view of a mapped buffer, honouring a GstVideoMeta when the buffer carries one. */
    Frame frame(Pointer buffer, ByteBuffer mapped) {
        Pointer meta = GstNative.Core.INSTANCE.gst_buffer_get_meta(buffer,
                GstNative.Video.INSTANCE.gst_video_meta_api_get_type());
        int rowStride = stride;
        if (meta != null) {
            long offset = meta.getLong(VIDEO_META_OFFSET0);
            rowStride = meta.getInt(VIDEO_META_STRIDE0);
            mapped = mapped.duplicate().position((int) offset);
        }
        return new Frame(mapped, width, height, rowStride, format);
    }
}
