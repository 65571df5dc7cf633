package org.gstdff.core;

import java.util.HashMap;
import java.util.Map;

/**
 * A 5x7 pixel font for labels drawn into frames: upper-case letters, digits and a little punctuation (lower case
 * is drawn as upper case). Built in so that drawing needs no font packages or AWT.
 */
public final class BitmapFont {

    public static final int WIDTH = 5;
    public static final int HEIGHT = 7;

    private static final Map<Character, int[]> GLYPHS = new HashMap<>();

    static {
        glyph('A', "01110 10001 10001 11111 10001 10001 10001");
        glyph('B', "11110 10001 10001 11110 10001 10001 11110");
        glyph('C', "01110 10001 10000 10000 10000 10001 01110");
        glyph('D', "11110 10001 10001 10001 10001 10001 11110");
        glyph('E', "11111 10000 10000 11110 10000 10000 11111");
        glyph('F', "11111 10000 10000 11110 10000 10000 10000");
        glyph('G', "01110 10001 10000 10111 10001 10001 01111");
        glyph('H', "10001 10001 10001 11111 10001 10001 10001");
        glyph('I', "01110 00100 00100 00100 00100 00100 01110");
        glyph('J', "00111 00010 00010 00010 00010 10010 01100");
        glyph('K', "10001 10010 10100 11000 10100 10010 10001");
        glyph('L', "10000 10000 10000 10000 10000 10000 11111");
        glyph('M', "10001 11011 10101 10101 10001 10001 10001");
        glyph('N', "10001 10001 11001 10101 10011 10001 10001");
        glyph('O', "01110 10001 10001 10001 10001 10001 01110");
        glyph('P', "11110 10001 10001 11110 10000 10000 10000");
        glyph('Q', "01110 10001 10001 10001 10101 10010 01101");
        glyph('R', "11110 10001 10001 11110 10100 10010 10001");
        glyph('S', "01111 10000 10000 01110 00001 00001 11110");
        glyph('T', "11111 00100 00100 00100 00100 00100 00100");
        glyph('U', "10001 10001 10001 10001 10001 10001 01110");
        glyph('V', "10001 10001 10001 10001 10001 01010 00100");
        glyph('W', "10001 10001 10001 10101 10101 10101 01010");
        glyph('X', "10001 10001 01010 00100 01010 10001 10001");
        glyph('Y', "10001 10001 10001 01010 00100 00100 00100");
        glyph('Z', "11111 00001 00010 00100 01000 10000 11111");
        glyph('0', "01110 10001 10011 10101 11001 10001 01110");
        glyph('1', "00100 01100 00100 00100 00100 00100 01110");
        glyph('2', "01110 10001 00001 00010 00100 01000 11111");
        glyph('3', "11111 00010 00100 00010 00001 10001 01110");
        glyph('4', "00010 00110 01010 10010 11111 00010 00010");
        glyph('5', "11111 10000 11110 00001 00001 10001 01110");
        glyph('6', "00110 01000 10000 11110 10001 10001 01110");
        glyph('7', "11111 00001 00010 00100 01000 01000 01000");
        glyph('8', "01110 10001 10001 01110 10001 10001 01110");
        glyph('9', "01110 10001 10001 01111 00001 00010 01100");
        glyph(' ', "00000 00000 00000 00000 00000 00000 00000");
        glyph('.', "00000 00000 00000 00000 00000 01100 01100");
        glyph(':', "00000 01100 01100 00000 01100 01100 00000");
        glyph('-', "00000 00000 00000 11111 00000 00000 00000");
        glyph('+', "00000 00100 00100 11111 00100 00100 00000");
        glyph('%', "11000 11001 00010 00100 01000 10011 00011");
        glyph('_', "00000 00000 00000 00000 00000 00000 11111");
        glyph('/', "00000 00001 00010 00100 01000 10000 00000");
        glyph('=', "00000 00000 11111 00000 11111 00000 00000");
        glyph('?', "01110 10001 00001 00010 00100 00000 00100");
    }

    private BitmapFont() {
    }

    private static void glyph(char c, String rows) {
        String[] r = rows.split(" ");
        int[] bits = new int[HEIGHT];
        for (int i = 0; i < HEIGHT; i++) {
            bits[i] = Integer.parseInt(r[i], 2);
        }
        GLYPHS.put(c, bits);
    }

    /** Rows of the glyph for {@code c}, bit 4 = leftmost pixel; unknown characters draw as '?'. */
    public static int[] glyph(char c) {
        int[] g = GLYPHS.get(Character.toUpperCase(c));
        return g != null ? g : GLYPHS.get('?');
    }

    /** Width in pixels of {@code text} at {@code scale}, one pixel column between characters. */
    public static int textWidth(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * (WIDTH + 1) - 1) * scale;
    }
}
