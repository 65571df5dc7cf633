package org.gstdff.core;

import java.nio.ByteBuffer;

/**
 * A view of one packed video frame in memory the caller owns (a mapped GStreamer buffer, or a test array).
 * Rows may be padded: {@code stride >= width * bytesPerPixel}.
 */
public record Frame(ByteBuffer pixels, int width, int height, int stride, PixelFormat format) {

    public Frame {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        int rowBytes = width * format.bytesPerPixel();
        if (stride < rowBytes) {
            throw new IllegalArgumentException("stride " + stride + " < row size " + rowBytes);
        }
        long needed = (long) stride * (height - 1) + rowBytes;
        if (pixels.remaining() < needed) {
            throw new IllegalArgumentException("frame buffer holds " + pixels.remaining() + " bytes, "
                    + width + "x" + height + " " + format + " with stride " + stride + " needs " + needed);
        }
    }

    /** A tightly packed frame (no row padding). */
    public static Frame packed(ByteBuffer pixels, int width, int height, PixelFormat format) {
        return new Frame(pixels, width, height, width * format.bytesPerPixel(), format);
    }

    /** Packed RGB bytes, {@code width * height * 3} of them, as a frame (no copy). */
    public static Frame rgb(byte[] pixels, int width, int height) {
        return packed(ByteBuffer.wrap(pixels), width, height, PixelFormat.RGB);
    }

    public boolean isPacked() {
        return stride == width * format.bytesPerPixel();
    }
}
