package org.gstdff.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/** A grid of frames scaled down into one PNG. */
final class ContactSheet {

    private ContactSheet() {
    }

    static void write(Map<Integer, BufferedImage> frames, int columns, double scale, Path png) throws IOException {
        List<BufferedImage> imgs = new ArrayList<>(frames.values());
        if (imgs.isEmpty()) {
            throw new IOException("no frames captured for the contact sheet");
        }
        int w = (int) (imgs.get(0).getWidth() * scale);
        int h = (int) (imgs.get(0).getHeight() * scale);
        int rows = (imgs.size() + columns - 1) / columns;
        int gap = 4;
        BufferedImage sheet = new BufferedImage(columns * (w + gap) + gap, rows * (h + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int i = 0; i < imgs.size(); i++) {
            g.drawImage(imgs.get(i), gap + (i % columns) * (w + gap), gap + (i / columns) * (h + gap), w, h, null);
        }
        g.dispose();
        ImageIO.write(sheet, "png", png.toFile());
    }
}
