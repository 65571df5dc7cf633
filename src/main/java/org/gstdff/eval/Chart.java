package org.gstdff.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Small PNG charts for the reports (Java2D, headless): grouped bars with optional target markers, and labelled
 * points of accuracy against speed.
 */
public final class Chart {

    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2),
            new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    /** One named series of values, one per category. */
    public record Series(String name, double[] values) {
    }

    /** A labelled point. */
    public record Point(String label, double x, double y, int group) {
    }

    private Chart() {
    }

    /**
     * Grouped bars, one group per category; {@code markers} (may be null, NaN to skip) are drawn as black ticks
     * across each group, e.g. a bound.
     */
    public static void bars(Path png, String title, String yLabel, List<String> categories, List<Series> series,
            double[] markers, String markerName) throws IOException {
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                max = Math.max(max, v);
            }
        }
        if (markers != null) {
            for (double v : markers) {
                max = Double.isNaN(v) ? max : Math.max(max, v);
            }
        }
        max = niceCeiling(max);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(img, title, yLabel, 0, max);
        int plotW = W - LEFT - RIGHT;
        int groupW = plotW / Math.max(1, categories.size());
        int barW = Math.max(4, (groupW - 20) / Math.max(1, series.size()));
        for (int c = 0; c < categories.size(); c++) {
            int gx = LEFT + c * groupW + 10;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values()[c];
                int y = yPix(v, 0, max);
                g.setColor(COLOURS[s % COLOURS.length]);
                g.fillRect(gx + s * barW, y, barW - 2, H - BOTTOM - y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.1f", v), gx + s * barW, y - 3);
            }
            if (markers != null && !Double.isNaN(markers[c])) {
                int y = yPix(markers[c], 0, max);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(3));
                g.drawLine(gx - 4, y, gx + series.size() * barW + 2, y);
                g.setStroke(new BasicStroke(1));
            }
            g.setColor(Color.BLACK);
            g.drawString(categories.get(c), gx, H - BOTTOM + 18);
        }
        List<String> names = new ArrayList<>();
        series.forEach(s -> names.add(s.name()));
        legend(g, names, markers != null ? markerName : null);
        g.dispose();
        write(png, img);
    }

    /** Points (x, y) with labels, coloured by group; {@code groups} names the groups in order. */
    public static void points(Path png, String title, String xLabel, String yLabel, List<Point> points,
            List<String> groups) throws IOException {
        plot(png, title, xLabel, yLabel, points, groups, false);
    }

    /** As {@link #points}, each group's points joined in order of x: one curve per group. */
    public static void curves(Path png, String title, String xLabel, String yLabel, List<Point> points,
            List<String> groups) throws IOException {
        plot(png, title, xLabel, yLabel, points, groups, true);
    }

    private static void plot(Path png, String title, String xLabel, String yLabel, List<Point> points,
            List<String> groups, boolean joined) throws IOException {
        double xMax = 0;
        double yMax = 0;
        for (Point p : points) {
            xMax = Math.max(xMax, p.x());
            yMax = Math.max(yMax, p.y());
        }
        xMax = niceCeiling(xMax);
        yMax = niceCeiling(yMax);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(img, title, yLabel, 0, yMax);
        int plotW = W - LEFT - RIGHT;
        for (int i = 0; i <= 5; i++) {
            double v = xMax * i / 5;
            int x = LEFT + (int) (plotW * v / xMax);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, xMax < 10 ? "%.1f" : "%.0f", v), x - 8, H - BOTTOM + 18);
        }
        g.drawString(xLabel, LEFT + plotW / 2 - 40, H - BOTTOM + 40);
        if (joined) {
            g.setStroke(new BasicStroke(2));
            for (int group = 0; group < groups.size(); group++) {
                int gi = group;
                List<Point> curve = points.stream().filter(p -> p.group() == gi)
                        .sorted((a, b) -> Double.compare(a.x(), b.x())).toList();
                g.setColor(COLOURS[gi % COLOURS.length]);
                for (int i = 1; i < curve.size(); i++) {
                    g.drawLine(LEFT + (int) (plotW * curve.get(i - 1).x() / xMax), yPix(curve.get(i - 1).y(), 0, yMax),
                            LEFT + (int) (plotW * curve.get(i).x() / xMax), yPix(curve.get(i).y(), 0, yMax));
                }
            }
            g.setStroke(new BasicStroke(1));
        }
        for (Point p : points) {
            int x = LEFT + (int) (plotW * p.x() / xMax);
            int y = yPix(p.y(), 0, yMax);
            g.setColor(COLOURS[p.group() % COLOURS.length]);
            g.fillOval(x - 5, y - 5, 10, 10);
            g.drawString(p.label(), x + 7, y - 4);
        }
        legend(g, groups, null);
        g.dispose();
        write(png, img);
    }

    private static Graphics2D frame(BufferedImage img, String title, String yLabel, double yMin, double yMax) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            double v = yMin + (yMax - yMin) * i / 5;
            int y = yPix(v, yMin, yMax);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, W - RIGHT, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f", v), LEFT - 40, y + 4);
        }
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
        g.drawString(yLabel, 8, TOP - 10);
        return g;
    }

    private static void legend(Graphics2D g, List<String> names, String markerName) {
        int x = W - RIGHT - 300;
        int y = TOP + 5;
        for (int i = 0; i < names.size(); i++) {
            g.setColor(COLOURS[i % COLOURS.length]);
            g.fillRect(x, y + i * 18, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), x + 18, y + i * 18 + 11);
        }
        if (markerName != null) {
            int yy = y + names.size() * 18 + 6;
            g.setStroke(new BasicStroke(3));
            g.drawLine(x, yy, x + 12, yy);
            g.setStroke(new BasicStroke(1));
            g.drawString(markerName, x + 18, yy + 5);
        }
    }

    private static int yPix(double v, double min, double max) {
        return H - BOTTOM - (int) ((H - TOP - BOTTOM) * (v - min) / (max - min));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static void write(Path png, BufferedImage img) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (!ImageIO.write(img, "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
