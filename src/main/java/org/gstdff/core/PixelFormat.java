package org.gstdff.core;

/**
 * The packed raw video formats the engine reads, named as in GStreamer caps. Each is 8 bits per channel;
 * {@link #red()}, {@link #green()}, {@link #blue()} give the byte offset of each colour in a pixel.
 */
public enum PixelFormat {
    RGB(3, 0, 1, 2),
    BGR(3, 2, 1, 0),
    RGBx(4, 0, 1, 2),
    BGRx(4, 2, 1, 0),
    RGBA(4, 0, 1, 2),
    BGRA(4, 2, 1, 0);

    private final int bytesPerPixel;
    private final int red;
    private final int green;
    private final int blue;

    PixelFormat(int bytesPerPixel, int red, int green, int blue) {
        this.bytesPerPixel = bytesPerPixel;
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    public int red() {
        return red;
    }

    public int green() {
        return green;
    }

    public int blue() {
        return blue;
    }

    /** True when the first three bytes of a pixel are R, G, B, so the image needs no channel reordering. */
    public boolean isRgbOrder() {
        return red == 0 && green == 1 && blue == 2;
    }

    /** The caps {@code format} list, e.g. {@code { RGB, BGR, ... }}. */
    public static String capsList() {
        StringBuilder sb = new StringBuilder("{ ");
        for (PixelFormat f : values()) {
            sb.append(sb.length() > 2 ? ", " : "").append(f.name());
        }
        return sb.append(" }").toString();
    }

    /** Parses a GStreamer format name; throws naming the accepted formats. */
    public static PixelFormat fromCaps(String name) {
        for (PixelFormat f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unsupported video format '" + name + "': expected one of "
                + capsList() + " (insert videoconvert before dff)");
    }
}
