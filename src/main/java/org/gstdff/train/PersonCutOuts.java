package org.gstdff.train;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.Detection;
import org.gstdff.core.Frame;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Mode;
import org.gstdff.model.TfModelSet;

/**
 * Textures of people for synthetic pairs: the boxes the set's own detector finds as {@code person} in a few photos
 * (no masks: a box keeps some background, which the pieces' elliptical outline trims).
 */
public final class PersonCutOuts {

    private PersonCutOuts() {
    }

    /**
     * @param minScore   the least confidence of a kept box
     * @param minHeight  the least box height in pixels (tiny far-away people carry no texture)
     */
    public static List<BufferedImage> find(TfModelSet set, List<BufferedImage> photos, float minScore, int minHeight) {
        int person = set.labels().indexOf("person");
        if (person < 0) {
            throw new IllegalArgumentException("the model set has no 'person' label");
        }
        List<BufferedImage> out = new ArrayList<>();
        try (DffEngine engine = new DffEngine(set, Mode.FRAME, 1, minScore)) {
            for (BufferedImage photo : photos) {
                for (Detection d : engine.process(rgb(photo), true).detections()) {
                    int x1 = (int) Math.max(0, Math.floor(d.box().x1()));
                    int y1 = (int) Math.max(0, Math.floor(d.box().y1()));
                    int x2 = (int) Math.min(photo.getWidth(), Math.ceil(d.box().x2()));
                    int y2 = (int) Math.min(photo.getHeight(), Math.ceil(d.box().y2()));
                    if (d.labelId() == person && d.confidence() >= minScore && y2 - y1 >= minHeight && x2 > x1) {
                        out.add(photo.getSubimage(x1, y1, x2 - x1, y2 - y1));
                    }
                }
            }
        }
        return out;
    }

    /** A photo as a packed RGB frame. */
    private static Frame rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] b = new byte[w * h * 3];
        for (int y = 0, o = 0; y < h; y++) {
            for (int x = 0; x < w; x++, o += 3) {
                int c = img.getRGB(x, y);
                b[o] = (byte) (c >> 16);
                b[o + 1] = (byte) (c >> 8);
                b[o + 2] = (byte) c;
            }
        }
        return Frame.rgb(b, w, h);
    }
}
