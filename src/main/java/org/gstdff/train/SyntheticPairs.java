package org.gstdff.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * FlyingChairs-style training pairs with known flow, made from real photos: a background crop that moves a little,
 * and textured elliptical pieces of other photos, each moving on its own (small, independently moving objects, as
 * people in a street scene), drawn in order so later pieces occlude earlier ones. The flow is for the current
 * frame towards the key frame (where each current pixel's content is in the key frame), averaged over the cells
 * of the feature grid and in grid pixels, as the flow network outputs it.
 */
public final class SyntheticPairs {

    /** One pair: packed RGB frames and the flow, {@code gridH * gridW * 2} floats (dx, dy). */
    public record Pair(byte[] current, byte[] key, float[] flow) {
    }

    private final List<int[]> photos = new ArrayList<>(); // ARGB pixels
    private final List<int[]> sizes = new ArrayList<>(); // {w, h}
    private final int width;
    private final int height;
    private final int gridW;
    private final int gridH;
    private final Random rnd;
    private final float maxBackground;
    private final float maxPiece;

    /**
     * @param maxBackground largest background motion, pixels per axis
     * @param maxPiece      largest piece motion, pixels per axis
     */
    public SyntheticPairs(List<BufferedImage> images, int width, int height, int gridW, int gridH,
            float maxBackground, float maxPiece, long seed) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no photos for synthetic pairs");
        }
        for (BufferedImage img : images) {
            if (img.getWidth() < width + 64 || img.getHeight() < height + 64) {
                throw new IllegalArgumentException("photo " + img.getWidth() + "x" + img.getHeight()
                        + " is smaller than the frame plus margins (" + (width + 64) + "x" + (height + 64) + ")");
            }
            photos.add(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
            sizes.add(new int[] {img.getWidth(), img.getHeight()});
        }
        this.width = width;
        this.height = height;
        this.gridW = gridW;
        this.gridH = gridH;
        this.maxBackground = maxBackground;
        this.maxPiece = maxPiece;
        this.rnd = new Random(seed);
    }

    /** The JPEG and PNG photos of a folder, downscaled by 2 when larger than 1600 px (faster, still detailed). */
    public static List<BufferedImage> loadPhotos(Path dir) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (!n.endsWith(".jpg") && !n.endsWith(".jpeg") && !n.endsWith(".png")) {
                    continue;
                }
                BufferedImage img = ImageIO.read(p.toFile());
                if (img == null) {
                    throw new IOException("cannot read photo " + p);
                }
                if (img.getWidth() > 1600) {
                    BufferedImage half = new BufferedImage(img.getWidth() / 2, img.getHeight() / 2,
                            BufferedImage.TYPE_INT_RGB);
                    half.createGraphics().drawImage(img, 0, 0, half.getWidth(), half.getHeight(), null);
                    img = half;
                }
                out.add(img);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no photos (.jpg, .png) in " + dir);
        }
        return out;
    }

    private record Piece(int photo, int sx, int sy, int kx, int ky, int w, int h, int mx, int my) {
        boolean coversCurrent(int x, int y) {
            return inside(x - kx - mx, y - ky - my);
        }

        boolean coversKey(int x, int y) {
            return inside(x - kx, y - ky);
        }

        /** An ellipse inscribed in the w x h box. */
        private boolean inside(int u, int v) {
            double a = (u + 0.5) / w * 2 - 1;
            double b = (v + 0.5) / h * 2 - 1;
            return u >= 0 && v >= 0 && u < w && v < h && a * a + b * b <= 1;
        }
    }

    public Pair next() {
        int bg = rnd.nextInt(photos.size());
        int[] bs = sizes.get(bg);
        int ox = 32 + rnd.nextInt(bs[0] - width - 63);
        int oy = 32 + rnd.nextInt(bs[1] - height - 63);
        int bmx = Math.round((rnd.nextFloat() * 2 - 1) * maxBackground);
        int bmy = Math.round((rnd.nextFloat() * 2 - 1) * maxBackground);
        List<Piece> pieces = new ArrayList<>();
        int n = 4 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int p = rnd.nextInt(photos.size());
            int[] s = sizes.get(p);
            int w = 16 + rnd.nextInt(64);
            int h = 24 + rnd.nextInt(96);
            pieces.add(new Piece(p, rnd.nextInt(s[0] - w), rnd.nextInt(s[1] - h), rnd.nextInt(width) - w / 2,
                    rnd.nextInt(height) - h / 2, w, h, Math.round((rnd.nextFloat() * 2 - 1) * maxPiece),
                    Math.round((rnd.nextFloat() * 2 - 1) * maxPiece)));
        }
        byte[] key = new byte[width * height * 3];
        byte[] cur = new byte[width * height * 3];
        double[] sum = new double[gridW * gridH * 2];
        int[] count = new int[gridW * gridH];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // key frame: background at the crop, pieces at their key positions
                int kc = pixel(bg, ox + x, oy + y);
                for (Piece pc : pieces) {
                    if (pc.coversKey(x, y)) {
                        kc = pixel(pc.photo(), pc.sx() + x - pc.kx(), pc.sy() + y - pc.ky());
                    }
                }
                // current frame: everything moved; the topmost piece decides colour and flow
                int cc = pixel(bg, ox + x - bmx, oy + y - bmy);
                float fx = -bmx;
                float fy = -bmy;
                for (Piece pc : pieces) {
                    if (pc.coversCurrent(x, y)) {
                        cc = pixel(pc.photo(), pc.sx() + x - pc.kx() - pc.mx(), pc.sy() + y - pc.ky() - pc.my());
                        fx = -pc.mx();
                        fy = -pc.my();
                    }
                }
                put(key, (y * width + x) * 3, kc);
                put(cur, (y * width + x) * 3, cc);
                int cell = (y * gridH / height) * gridW + x * gridW / width;
                sum[cell * 2] += fx * gridW / (double) width;
                sum[cell * 2 + 1] += fy * gridH / (double) height;
                count[cell]++;
            }
        }
        float[] flow = new float[gridW * gridH * 2];
        for (int c = 0; c < count.length; c++) {
            if (count[c] > 0) {
                flow[c * 2] = (float) (sum[c * 2] / count[c]);
                flow[c * 2 + 1] = (float) (sum[c * 2 + 1] / count[c]);
            }
        }
        return new Pair(cur, key, flow);
    }

    /** A photo's pixel, coordinates clamped to the photo. */
    private int pixel(int photo, int x, int y) {
        int[] s = sizes.get(photo);
        int cx = Math.max(0, Math.min(s[0] - 1, x));
        int cy = Math.max(0, Math.min(s[1] - 1, y));
        return photos.get(photo)[cy * s[0] + cx];
    }

    private static void put(byte[] rgb, int o, int argb) {
        rgb[o] = (byte) (argb >> 16);
        rgb[o + 1] = (byte) (argb >> 8);
        rgb[o + 2] = (byte) argb;
    }
}
