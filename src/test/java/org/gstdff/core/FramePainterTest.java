package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

class FramePainterTest {

    static int pixel(ByteBuffer b, int w, int x, int y, PixelFormat f) {
        int p = (y * w + x) * f.bytesPerPixel();
        return (b.get(p + f.red()) & 0xff) << 16 | (b.get(p + f.green()) & 0xff) << 8 | (b.get(p + f.blue()) & 0xff);
    }

    @Test
    void boxOutlineInClassColourInsideTheBox() {
        for (PixelFormat f : List.of(PixelFormat.RGB, PixelFormat.BGRx)) {
            ByteBuffer b = ByteBuffer.allocate(40 * 30 * f.bytesPerPixel());
            FramePainter p = new FramePainter(Frame.packed(b, 40, 30, f));
            p.drawBox(new BoundingBox(10, 5, 30, 25), 2, 0x123456);
            assertEquals(0x123456, pixel(b, 40, 10, 5, f), f.name());
            assertEquals(0x123456, pixel(b, 40, 29, 24, f));
            assertEquals(0x123456, pixel(b, 40, 11, 15, f));
            assertEquals(0, pixel(b, 40, 12, 15, f), "interior untouched");
            assertEquals(0, pixel(b, 40, 9, 5, f), "outside untouched");
        }
    }

    @Test
    void clipsBoxesThatLeaveTheFrame() {
        ByteBuffer b = ByteBuffer.allocate(20 * 10 * 3);
        new FramePainter(Frame.packed(b, 20, 10, PixelFormat.RGB)).drawBox(new BoundingBox(-5, -5, 50, 50), 1, 0xffffff);
        assertEquals(0, pixel(b, 20, 5, 5, PixelFormat.RGB));
    }

    @Test
    void textDrawsGlyphPixels() {
        ByteBuffer b = ByteBuffer.allocate(30 * 12 * 3);
        FramePainter p = new FramePainter(Frame.packed(b, 30, 12, PixelFormat.RGB));
        int h = p.drawLabel(0, 0, "I", 1, 0xffffff, 0x000001);
        assertEquals(9, h);
        // 'I' row 0 is 01110: pixels 1..3 of the glyph, after one pixel of padding
        assertEquals(0x000001, pixel(b, 30, 1, 1, PixelFormat.RGB));
        assertEquals(0xffffff, pixel(b, 30, 2, 1, PixelFormat.RGB));
        assertEquals(0xffffff, pixel(b, 30, 4, 1, PixelFormat.RGB));
        assertEquals(0x000001, pixel(b, 30, 5, 1, PixelFormat.RGB));
    }
}
