package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.gstdff.gst.ClipReader;
import org.gstdff.model.Device;
import org.gstdff.model.TfModelSet;
import org.gstdff.model.TinyModelSet;
import org.gstdff.model.imports.RealModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** People found by the real detector in a real frame (vtest's first frame: found, not trained on, here). */
class PersonCutOutsTest {

    @Test
    void cutsOutTheWalkersOfARealFrame() {
        byte[] rgb = ClipReader.read(RealModels.vtest(), 768, 576, 1, 1).get(0);
        BufferedImage frame = new BufferedImage(768, 576, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 576; y++) {
            for (int x = 0; x < 768; x++) {
                int o = (y * 768 + x) * 3;
                frame.setRGB(x, y, ((rgb[o] & 0xff) << 16) | ((rgb[o + 1] & 0xff) << 8) | (rgb[o + 2] & 0xff));
            }
        }
        try (TfModelSet set = TfModelSet.load(RealModels.defaultSet(), Device.CPU)) {
            List<BufferedImage> people = PersonCutOuts.find(set, List.of(frame), 0.4f, 24);
            assertTrue(people.size() >= 2, "vtest opens on several walkers, found " + people.size());
            for (BufferedImage p : people) {
                assertTrue(p.getHeight() >= 24 && p.getHeight() > p.getWidth(), "an upright person: "
                        + p.getWidth() + "x" + p.getHeight());
            }
        }
    }

    @Test
    void aSetWithoutPeopleIsRejected(@TempDir java.nio.file.Path tmp) throws Exception {
        try (TfModelSet set = TfModelSet.load(TinyModelSet.write(tmp.resolve("tiny"), 1), Device.CPU)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PersonCutOuts.find(set, List.of(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB)),
                            0.5f, 24));
            assertTrue(e.getMessage().contains("'person'"), e.getMessage());
        }
    }
}
