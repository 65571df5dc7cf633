package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The known flow of a synthetic pair points each current pixel at the same colour in the key frame. */
public class SyntheticPairsTest {

    /** A photo of random colours: texture everywhere, for synthetic pairs in tests. */
    public static BufferedImage noise(int w, int h, long seed) {
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
        SyntheticPairs s = new SyntheticPairs(List.of(noise(200, 160, 1), noise(220, 170, 2)),
                new SyntheticPairs.Config(w, h, w, h, 4, 12, 10, 0.1), 3).withoutPhotometric();
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

    /**
     * A panning background moves by up to the crops' margin per axis (photos no larger than the frame plus the
     * margin: a read past a photo's edge would throw) and the camera is still half the time; a larger motion is
     * refused.
     */
    @Test
    void theBackgroundPansUpToTheCropsMarginAndNoFurther() {
        int w = 96;
        int h = 64;
        int m = SyntheticPairs.BACKGROUND_MARGIN;
        List<BufferedImage> photos = List.of(noise(w + 2 * m, h + 2 * m, 1), noise(w + 2 * m + 1, h + 2 * m, 2));
        SyntheticPairs s = new SyntheticPairs(photos, new SyntheticPairs.Config(w, h, w, h, m, 4, 10, 0.1), 3)
                .withoutPhotometric();
        int still = 0;
        int largest = 0;
        for (int n = 0; n < 60; n++) {
            float[] f = s.next().flow();
            // the background's motion: the most common vector (pieces are smaller and each moves its own way)
            java.util.Map<Long, Integer> votes = new java.util.HashMap<>();
            for (int i = 0; i < f.length; i += 2) {
                votes.merge(((long) Math.round(f[i]) << 32) ^ (Math.round(f[i + 1]) & 0xffffffffL), 1, Integer::sum);
            }
            long mode = java.util.Collections.max(votes.entrySet(), java.util.Map.Entry.comparingByValue()).getKey();
            int dx = (int) (mode >> 32);
            int dy = (int) mode;
            still += dx == 0 && dy == 0 ? 1 : 0;
            largest = Math.max(largest, Math.max(Math.abs(dx), Math.abs(dy)));
        }
        assertTrue(largest <= m && largest > m / 2, "largest background motion " + largest);
        assertTrue(still >= 18 && still <= 42, still + " still cameras in 60");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SyntheticPairs(photos, new SyntheticPairs.Config(w, h, w, h, m + 1, 4, 10, 0.1), 3));
        assertTrue(e.getMessage().contains("background motion 33.0 px is outside 0-32"), e.getMessage());
    }

    @Test
    void dulledAndNoisyFramesStillMatchAlongTheFlow() {
        int w = 96;
        int h = 64;
        SyntheticPairs s = new SyntheticPairs(List.of(noise(200, 160, 1), noise(220, 170, 2)),
                new SyntheticPairs.Config(w, h, w, h, 4, 12, 10, 0.1), 4);
        Random r = new Random(5);
        for (int n = 0; n < 5; n++) {
            SyntheticPairs.Pair p = s.next();
            double along = 0;
            double elsewhere = 0;
            int count = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    int kx = Math.round(x + p.flow()[2 * i]);
                    int ky = Math.round(y + p.flow()[2 * i + 1]);
                    if (kx < 0 || ky < 0 || kx >= w || ky >= h) {
                        continue;
                    }
                    int a = i * 3;
                    along += Math.abs((p.current()[a] & 0xff) - (p.key()[(ky * w + kx) * 3] & 0xff));
                    elsewhere += Math.abs((p.current()[a] & 0xff) - (p.key()[r.nextInt(w * h) * 3] & 0xff));
                    count++;
                }
            }
            assertTrue(along < 0.5 * elsewhere, "pair " + n + ": mean difference along the flow " + along / count
                    + " vs at random " + elsewhere / count);
        }
    }

    @Test
    void objectWeightsAverageOneAndFavourSmallObjects() {
        // pieces of at most 80x120 px in a 384x288 frame: each is smaller than the background around them
        SyntheticPairs s = new SyntheticPairs(List.of(noise(460, 360, 1), noise(470, 370, 2)),
                SyntheticPairs.Config.training(96, 72, 0, 12), 6).withoutPhotometric();
        for (int n = 0; n < 5; n++) {
            SyntheticPairs.Pair p = s.next();
            double sum = 0;
            double still = 0;
            double moving = 0;
            int stillCells = 0;
            int movingCells = 0;
            for (int i = 0; i < p.objectWeight().length; i++) {
                sum += p.objectWeight()[i];
                // still camera: the background is where the flow is zero
                boolean bg = p.flow()[2 * i] == 0 && p.flow()[2 * i + 1] == 0;
                if (bg) {
                    still += p.objectWeight()[i];
                    stillCells++;
                } else {
                    moving += p.objectWeight()[i];
                    movingCells++;
                }
            }
            assertEquals(1, sum / p.objectWeight().length, 1e-4, "mean weight");
            if (movingCells > 0 && stillCells > 0) {
                assertTrue(moving / movingCells > still / stillCells, "pair " + n + ": a piece's cell "
                        + moving / movingCells + " vs a background cell " + still / stillCells);
            }
        }
    }

    @Test
    void personCutOutsTextureTheirPiecesAndFollowTheFlow() {
        int w = 192;
        int h = 128;
        // a smooth red ramp with green = blue = 0: recognisable after the pieces' contrast change, and sampled at
        // another scale than the photos without breaking colour constancy along the flow
        BufferedImage person = new BufferedImage(30, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 30; x++) {
                person.setRGB(x, y, (40 + y * 2) << 16);
            }
        }
        SyntheticPairs s = new SyntheticPairs(List.of(noise(300, 220, 1), noise(320, 230, 2)),
                new SyntheticPairs.Config(w, h, w, h, 0, 6, 0, 0), 8).withoutPhotometric().withCutOuts(List.of(person));
        int personPixels = 0;
        int close = 0;
        int checked = 0;
        for (int n = 0; n < 8; n++) {
            SyntheticPairs.Pair p = s.next();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    int a = i * 3;
                    boolean isPerson = p.current()[a + 1] == p.current()[a + 2] && p.current()[a] != p.current()[a + 1];
                    if (!isPerson) {
                        continue;
                    }
                    personPixels++;
                    int kx = Math.round(x + p.flow()[2 * i]);
                    int ky = Math.round(y + p.flow()[2 * i + 1]);
                    if (kx < 0 || ky < 0 || kx >= w || ky >= h) {
                        continue;
                    }
                    checked++;
                    int b = (ky * w + kx) * 3;
                    if (Math.abs((p.current()[a] & 0xff) - (p.key()[b] & 0xff)) <= 6) {
                        close++;
                    }
                }
            }
        }
        assertTrue(personPixels > 500, "person-shaped pieces use the cut-out: " + personPixels + " pixels");
        assertTrue(close > checked * 0.7, close + " of " + checked + " person pixels keep their colour along the flow");
    }
}
