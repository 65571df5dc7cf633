package org.gstdff.core;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Draws boxes, filled rectangles and text into a packed RGB-family frame in place. Coordinates are clipped to the
 * frame, so callers may pass boxes that stick out.
 */
public final class FramePainter {

    /** Distinct colours (0xRRGGBB), picked per class id. */
    private static final int[] PALETTE = {0xFF3838, 0x2ECC71, 0x3498DB, 0xF1C40F, 0x9B59B6, 0x1ABC9C, 0xE67E22,
        0xFF66CC, 0x95A5A6, 0x00FFFF, 0x8E44AD, 0xC0FF00};

    private final ByteBuffer px;
    private final int width;
    private final int height;
    private final int stride;
    private final PixelFormat format;

    public FramePainter(Frame frame) {
        this.px = frame.pixels();
        this.width = frame.width();
        this.height = frame.height();
        this.stride = frame.stride();
        this.format = frame.format();
    }

    public static int colorFor(int classId) {
        return PALETTE[Math.floorMod(classId, PALETTE.length)];
    }

    public void fillRect(int x0, int y0, int x1, int y1, int rgb) {
        int ax = Math.max(0, x0);
        int ay = Math.max(0, y0);
        int bx = Math.min(width, x1);
        int by = Math.min(height, y1);
        int bpp = format.bytesPerPixel();
        byte r = (byte) (rgb >> 16);
        byte g = (byte) (rgb >> 8);
        byte b = (byte) rgb;
        int base = px.position();
        for (int y = ay; y < by; y++) {
            int row = base + y * stride;
            for (int x = ax; x < bx; x++) {
                int p = row + x * bpp;
                px.put(p + format.red(), r);
                px.put(p + format.green(), g);
                px.put(p + format.blue(), b);
            }
        }
    }

    /** An outline {@code thickness} pixels wide, inside the box. */
    public void drawBox(BoundingBox box, int thickness, int rgb) {
        int x0 = (int) Math.round(box.x1());
        int y0 = (int) Math.round(box.y1());
        int x1 = (int) Math.round(box.x2());
        int y1 = (int) Math.round(box.y2());
        fillRect(x0, y0, x1, y0 + thickness, rgb);
        fillRect(x0, y1 - thickness, x1, y1, rgb);
        fillRect(x0, y0, x0 + thickness, y1, rgb);
        fillRect(x1 - thickness, y0, x1, y1, rgb);
    }

    /** Text on a filled background, top-left corner at (x, y). Returns the label's height. */
    public int drawLabel(int x, int y, String text, int scale, int fg, int bg) {
        int pad = scale;
        int w = BitmapFont.textWidth(text, scale) + 2 * pad;
        int h = BitmapFont.HEIGHT * scale + 2 * pad;
        fillRect(x, y, x + w, y + h, bg);
        int cx = x + pad;
        for (int i = 0; i < text.length(); i++) {
            int[] rows = BitmapFont.glyph(text.charAt(i));
            for (int r = 0; r < BitmapFont.HEIGHT; r++) {
                for (int c = 0; c < BitmapFont.WIDTH; c++) {
                    if ((rows[r] >> (BitmapFont.WIDTH - 1 - c) & 1) != 0) {
                        fillRect(cx + c * scale, y + pad + r * scale, cx + (c + 1) * scale, y + pad + (r + 1) * scale,
                                fg);
                    }
                }
            }
            cx += (BitmapFont.WIDTH + 1) * scale;
        }
        return h;
    }

    /**
     * Draws a frame's detections (box, "label 0.87" above it) and a key-frame badge in the top-left corner: "KEY"
     * and the reason on key frames ("KEY ADAPTIVE"), "+N" (frames since the key frame) otherwise; none when
     * {@code framesSinceKey} is negative.
     *
     * @param keyReason why a key frame is one; null: unknown (the badge says "KEY")
     */
    public void drawResult(List<Detection> detections, boolean keyFrame, KeyReason keyReason, int framesSinceKey) {
        int scale = Math.max(1, Math.min(width, height) / 300);
        int thickness = Math.max(2, scale);
        for (Detection d : detections) {
            int color = colorFor(d.labelId());
            drawBox(d.box(), thickness, color);
            String text = d.label() + (Float.isNaN(d.confidence()) ? "" : String.format(" %.2f", d.confidence()));
            int labelH = BitmapFont.HEIGHT * scale + 2 * scale;
            int y = (int) Math.round(d.box().y1()) - labelH;
            drawLabel((int) Math.round(d.box().x1()), y < 0 ? (int) Math.round(d.box().y1()) : y, text, scale,
                    0x000000, color);
        }
        if (!keyFrame && framesSinceKey < 0) {
            return; // no key-frame information
        }
        String badge = !keyFrame ? "+" + framesSinceKey : keyReason == null ? "KEY" : "KEY " + keyReason.nick();
        drawLabel(4 * scale, 4 * scale, badge, 2 * scale, keyFrame ? 0x000000 : 0xFFFFFF,
                keyFrame ? 0xFFA500 : 0x404040);
    }
}
