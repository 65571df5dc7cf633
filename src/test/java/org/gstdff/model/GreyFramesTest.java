package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.gstdff.core.LucasKanade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/** The grey images the Lucas-Kanade step takes, made by OpenCV, are the ones its Java definition makes. */
class GreyFramesTest {

    @TempDir
    Path tmp;

    @Test
    void openCvsSmoothedImageIsLucasKanadesSmoothing() throws Exception {
        Path dir = TinyModelSet.write(tmp.resolve("tiny"), 3);
        int w = 96;
        int h = 80;
        try (var set = SharedModelSets.open(dir, Device.CPU, 1, null, FlowRefine.NONE);
                var image = set.ingest().ingest(TfModelSetTest.texture(300, 200, 5))) {
            Mat grey = GreyFrames.of(image, w, h);
            byte[] bytes = new byte[w * h];
            grey.get(0, 0, bytes);
            grey.release();
            float[] levels = new float[w * h];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = bytes[i] & 0xff;
            }
            float[] expected = LucasKanade.smooth(levels, w, h);
            float[] actual = GreyFrames.smoothed(image, w, h);
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-6f, "pixel (" + i % w + ", " + i / w + ")");
            }
        }
    }
}
