package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The known flow of a synthetic pair points each current pixel at the same colour in the key frame. */
class SyntheticPairsTest {

    private static BufferedImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }

    @Test
    void flowMapsCurrentPixelsToTheirKeyFramePixels() {
        int w = 96;
        int h = 64;
        // grid = frame: the flow is per pixel, in pixels
        SyntheticPairs s = new SyntheticPairs(List.of(noise(200, 160, 1), noise(220, 170, 2)), w, h, w, h, 4, 12,
                10, 0.1, 3);
        for (int n = 0; n < 5; n++) {
            SyntheticPairs.Pair p = s.next();
            int match = 0;
            int moved = 0;
            int checked = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    float fx = p.flow()[2 * i];
                    float fy = p.flow()[2 * i + 1];
                    int kx = Math.round(x + fx);
                    int ky = Math.round(y + fy);
                    if (kx < 0 || ky < 0 || kx >= w || ky >= h) {
                        continue;
                    }
                    checked++;
                    moved += fx != 0 || fy != 0 ? 1 : 0;
                    int a = i * 3;
                    int b = (ky * w + kx) * 3;
                    if (p.current()[a] == p.key()[b] && p.current()[a + 1] == p.key()[b + 1]
                            && p.current()[a + 2] == p.key()[b + 2]) {
                        match++;
                    }
                }
            }
            // the rest are pixels whose key-frame position is occluded by another piece
            assertTrue(match > checked * 0.7, "pair " + n + ": " + match + " of " + checked + " match");
            assertTrue(moved > 0, "something moves");
        }
    }
}
