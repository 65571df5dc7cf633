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
 * FlyingChairs-style training pairs with known flow, made from real photos: a background crop that is still half
 * the time (a fixed camera) and moves a little otherwise, and textured elliptical pieces of other photos (or of
 * people cut out of photos, {@link #withCutOuts}), half of them person-shaped, each in its own affine motion
 * (translation, rotation, scale: small, independently moving objects, as people in a street scene) and with its
 * own contrast, drawn in order so later pieces occlude earlier ones; then both frames get the same dulling
 * (contrast, brightness, grey) and each its own noise. The flow is for the current frame towards the key frame
 * (where each current pixel's content is in the key frame), averaged over the cells of the feature grid and in
 * grid pixels, as the flow network outputs it.
 */
public final class SyntheticPairs {

    /**
     * One pair: packed RGB frames, the flow ({@code gridH * gridW * 2} floats, dx, dy) and a weight per cell that
     * gives every object the same total weight whatever its size (the background counts as one object): mean 1.
     */
    public record Pair(byte[] current, byte[] key, float[] flow, float[] objectWeight) {
    }

    /** Pixels of the background photo kept around each crop, the most the background can move per axis. */
    public static final int BACKGROUND_MARGIN = 32;

    /** Objects smaller than this many pixels weigh as if they were this large (occluded slivers stay minor). */
    private static final int MIN_OBJECT_PIXELS = 64;

    private final List<int[]> photos = new ArrayList<>(); // ARGB pixels
    private final List<int[]> sizes = new ArrayList<>(); // {w, h}
    private final int width;
    private final int height;
    private final int gridW;
    private final int gridH;
    private final Random rnd;
    private final float maxBackground;
    private final float maxPiece;
    private final double maxRotation;
    private final double maxZoom;

    /**
     * What pairs to draw.
     *
     * @param width         frame width in pixels
     * @param height        frame height in pixels
     * @param gridW         flow grid width (the flow is given per grid cell, in cells)
     * @param gridH         flow grid height
     * @param maxBackground largest background motion, pixels per axis
     * @param maxPiece      largest piece speed, pixels (any direction)
     * @param maxRotation   largest piece rotation, degrees
     * @param maxZoom       largest piece scale change, as a fraction (0.1: 0.9x to 1.1x)
     */
    public record Config(int width, int height, int gridW, int gridH, float maxBackground, float maxPiece,
            double maxRotation, double maxZoom) {

        /** Training frames ({@link FlowTrainer#FRAME_WIDTH} x {@link FlowTrainer#FRAME_HEIGHT}) on a flow grid. */
        public static Config training(int gridW, int gridH, float maxBackground, float maxPiece) {
            return new Config(FlowTrainer.FRAME_WIDTH, FlowTrainer.FRAME_HEIGHT, gridW, gridH, maxBackground, maxPiece,
                    10, 0.1);
        }
    }

    public SyntheticPairs(List<BufferedImage> images, Config config, long seed) {
        int width = config.width();
        int height = config.height();
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no photos for synthetic pairs");
        }
        if (!(config.maxBackground() >= 0 && config.maxBackground() <= BACKGROUND_MARGIN)) {
            throw new IllegalArgumentException("background motion " + config.maxBackground() + " px is outside 0-"
                    + BACKGROUND_MARGIN + " (the crops' margin)");
        }
        for (BufferedImage img : images) {
            if (img.getWidth() < width + 2 * BACKGROUND_MARGIN || img.getHeight() < height + 2 * BACKGROUND_MARGIN) {
                throw new IllegalArgumentException("photo " + img.getWidth() + "x" + img.getHeight()
                        + " is smaller than the frame plus margins (" + (width + 2 * BACKGROUND_MARGIN) + "x"
                        + (height + 2 * BACKGROUND_MARGIN) + ")");
            }
            photos.add(img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()));
            sizes.add(new int[] {img.getWidth(), img.getHeight()});
        }
        this.width = width;
        this.height = height;
        this.gridW = config.gridW();
        this.gridH = config.gridH();
        this.maxBackground = config.maxBackground();
        this.maxPiece = config.maxPiece();
        this.maxRotation = config.maxRotation();
        this.maxZoom = config.maxZoom();
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

    /**
     * A piece: an ellipse inscribed in a {@code w x h} box at {@code (kx, ky)} in the key frame, textured from a
     * photo at {@code (sx, sy)}; in the current frame its centre has moved by {@code (mx, my)} and its shape by an
     * affine map (rotation and scale); {@code (a, b, c, d)} maps an offset from the current centre back to an offset
     * from the key centre.
     */
    private record Piece(int photo, int sx, int sy, int kx, int ky, int w, int h, float mx, float my, float a,
            float b, float c, float d, float contrast, int cutOut, float texScale) {
        /** Where the current frame's pixel centre {@code (x, y)} was in the key frame, frame coordinates. */
        float[] keyPosition(float x, float y) {
            float cx = kx + w / 2f;
            float cy = ky + h / 2f;
            float ox = x - cx - mx;
            float oy = y - cy - my;
            return new float[] {cx + a * ox + b * oy, cy + c * ox + d * oy};
        }

        /** An ellipse inscribed in the w x h box; {@code (u, v)} relative to its corner. */
        boolean inside(float u, float v) {
            double p = u / w * 2 - 1;
            double q = v / h * 2 - 1;
            return u >= 0 && v >= 0 && u < w && v < h && p * p + q * q <= 1;
        }
    }

    /** A piece with a random size, place and motion; half of them person-shaped (tall and narrow). */
    private Piece randomPiece() {
        int p = rnd.nextInt(photos.size());
        int[] s = sizes.get(p);
        boolean person = rnd.nextBoolean();
        int w = person ? 10 + rnd.nextInt(24) : 16 + rnd.nextInt(64);
        int h = person ? w * 2 + rnd.nextInt(w * 2) : 24 + rnd.nextInt(96);
        // speed uniform in 0..maxPiece, any direction: small and large displacements equally often
        double speed = rnd.nextDouble() * maxPiece;
        double dir = rnd.nextDouble() * 2 * Math.PI;
        double angle = Math.toRadians((rnd.nextDouble() * 2 - 1) * maxRotation);
        double zoom = 1 + (rnd.nextDouble() * 2 - 1) * maxZoom;
        // inverse of "scale by zoom, then rotate by angle"
        double cos = Math.cos(-angle) / zoom;
        double sin = Math.sin(-angle) / zoom;
        int cut = -1;
        float texScale = 1;
        if (person && !cutOuts.isEmpty() && rnd.nextInt(4) > 0) {
            cut = rnd.nextInt(cutOuts.size());
            BufferedImage c = cutOuts.get(cut);
            texScale = (float) c.getHeight() / h;
            w = Math.max(4, Math.round(c.getWidth() / texScale));
        }
        return new Piece(p, rnd.nextInt(s[0] - w), rnd.nextInt(s[1] - h), rnd.nextInt(width) - w / 2,
                rnd.nextInt(height) - h / 2, w, h, (float) (speed * Math.cos(dir)), (float) (speed * Math.sin(dir)),
                (float) cos, (float) -sin, (float) sin, (float) cos, 0.3f + 0.7f * rnd.nextFloat(), cut, texScale);
    }

    public Pair next() {
        int bg = rnd.nextInt(photos.size());
        int[] bs = sizes.get(bg);
        int ox = BACKGROUND_MARGIN + rnd.nextInt(bs[0] - width - 2 * BACKGROUND_MARGIN + 1);
        int oy = BACKGROUND_MARGIN + rnd.nextInt(bs[1] - height - 2 * BACKGROUND_MARGIN + 1);
        // a fixed camera half the time (the street-scene case), a panning one otherwise
        boolean still = rnd.nextBoolean();
        int bmx = still ? 0 : Math.round((rnd.nextFloat() * 2 - 1) * maxBackground);
        int bmy = still ? 0 : Math.round((rnd.nextFloat() * 2 - 1) * maxBackground);
        List<Piece> pieces = new ArrayList<>();
        int n = 4 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            pieces.add(randomPiece());
        }
        byte[] key = new byte[width * height * 3];
        byte[] cur = new byte[width * height * 3];
        double[] sum = new double[gridW * gridH * 2];
        int[] count = new int[gridW * gridH];
        int[] owner = new int[width * height]; // 0: background, i + 1: piece i
        int[] area = new int[pieces.size() + 1];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // key frame: background at the crop, pieces at their key positions
                int kc = pixel(bg, ox + x, oy + y);
                for (Piece pc : pieces) {
                    if (pc.inside(x + 0.5f - pc.kx(), y + 0.5f - pc.ky())) {
                        kc = dim(texel(pc, x + 0.5f - pc.kx(), y + 0.5f - pc.ky()), pc.contrast());
                    }
                }
                // current frame: everything moved; the topmost piece decides colour and flow
                int cc = pixel(bg, ox + x - bmx, oy + y - bmy);
                float fx = -bmx;
                float fy = -bmy;
                int top = 0;
                for (int pi = 0; pi < pieces.size(); pi++) {
                    Piece pc = pieces.get(pi);
                    float[] k = pc.keyPosition(x + 0.5f, y + 0.5f);
                    float u = k[0] - pc.kx();
                    float v = k[1] - pc.ky();
                    if (pc.inside(u, v)) {
                        cc = dim(texel(pc, u, v), pc.contrast());
                        fx = k[0] - (x + 0.5f);
                        fy = k[1] - (y + 0.5f);
                        top = pi + 1;
                    }
                }
                owner[y * width + x] = top;
                area[top]++;
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
        float[] weight = new float[gridW * gridH];
        double total = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int cell = (y * gridH / height) * gridW + x * gridW / width;
                double wpx = 1.0 / Math.max(MIN_OBJECT_PIXELS, area[owner[y * width + x]]) / count[cell];
                weight[cell] += (float) wpx;
                total += wpx;
            }
        }
        float norm = (float) (weight.length / total);
        for (int c = 0; c < weight.length; c++) {
            weight[c] *= norm;
        }
        if (photometric) {
            photometric(key, cur);
        }
        return new Pair(cur, key, flow, weight);
    }

    private boolean photometric = true;

    /** Leaves out the frame-wide dulling and noise (pieces keep their contrast): exact colours, for tests. */
    public SyntheticPairs withoutPhotometric() {
        photometric = false;
        return this;
    }

    /** A colour pulled towards mid-grey: {@code contrast} 1 keeps it. */
    private static int dim(int argb, float contrast) {
        int r = Math.round(128 + contrast * (((argb >> 16) & 0xff) - 128));
        int g = Math.round(128 + contrast * (((argb >> 8) & 0xff) - 128));
        int b = Math.round(128 + contrast * ((argb & 0xff) - 128));
        return (r << 16) | (g << 8) | b;
    }

    /**
     * The same global contrast, brightness and (half the time) grey conversion on both frames, then independent
     * noise on each: surveillance footage is dull, often grey and noisy next to nature photos, and the network
     * must find motion there too.
     */
    private void photometric(byte[] key, byte[] cur) {
        float contrast = 0.35f + 0.65f * rnd.nextFloat();
        float offset = (rnd.nextFloat() * 2 - 1) * 30;
        boolean grey = rnd.nextBoolean();
        float noise = rnd.nextFloat() * 4;
        for (byte[] f : List.of(key, cur)) {
            for (int i = 0; i < f.length; i += 3) {
                float r = f[i] & 0xff;
                float g = f[i + 1] & 0xff;
                float b = f[i + 2] & 0xff;
                if (grey) {
                    r = g = b = 0.299f * r + 0.587f * g + 0.114f * b;
                }
                float n = noise == 0 ? 0 : GAUSSIAN[rnd.nextInt(GAUSSIAN.length)] * noise;
                f[i] = clamp(128 + contrast * (r - 128) + offset + n);
                f[i + 1] = clamp(128 + contrast * (g - 128) + offset + n);
                f[i + 2] = clamp(128 + contrast * (b - 128) + offset + n);
            }
        }
    }

    /** Standard normal samples drawn once: a table lookup per pixel instead of nextGaussian (5x slower). */
    private static final float[] GAUSSIAN = new float[4096];

    static {
        Random r = new Random(42);
        for (int i = 0; i < GAUSSIAN.length; i++) {
            GAUSSIAN[i] = (float) r.nextGaussian();
        }
    }

    private static byte clamp(float v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** A piece's texture at {@code (u, v)} from its corner: a photo crop, or a person cut-out scaled to the piece. */
    private int texel(Piece pc, float u, float v) {
        if (pc.cutOut() < 0) {
            return pixel(pc.photo(), pc.sx() + (int) Math.floor(u), pc.sy() + (int) Math.floor(v));
        }
        BufferedImage c = cutOuts.get(pc.cutOut());
        int x = Math.max(0, Math.min(c.getWidth() - 1, (int) (u * pc.texScale())));
        int y = Math.max(0, Math.min(c.getHeight() - 1, (int) (v * pc.texScale())));
        return c.getRGB(x, y);
    }

    private final List<BufferedImage> cutOuts = new ArrayList<>();

    /**
     * People to use as the texture of most person-shaped pieces ({@link PersonCutOuts}), scaled to the piece's
     * height; without them every piece is a crop of a photo.
     */
    public SyntheticPairs withCutOuts(List<BufferedImage> people) {
        for (BufferedImage p : people) {
            BufferedImage rgb = new BufferedImage(p.getWidth(), p.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.createGraphics().drawImage(p, 0, 0, null);
            cutOuts.add(rgb);
        }
        return this;
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
