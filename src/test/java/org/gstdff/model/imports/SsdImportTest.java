package org.gstdff.model.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.gstdff.core.Detection;
import org.gstdff.core.Frame;
import org.gstdff.core.PixelFormat;
import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Mode;
import org.gstdff.model.Device;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.ModelSetException;
import org.gstdff.model.TfModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** The TF1 frozen SavedModel path of the importer, with SSD Inception v2 from Maven Central. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SsdImportTest {

    @TempDir
    Path tmp;

    @Test
    void splitSsdEqualsTheOriginalAndLabelsFollowTheLabelMap() throws Exception {
        ModelManifest m = DetectorImporter.write(DetectorPresets.ssd(RealModels.ssdSavedModel(), RealModels.ssdLabels(),
                DetectorPresets.SSD_SPLIT), tmp.resolve("ssd"));
        assertEquals(16, m.featureStride());
        assertEquals(576, m.featureChannels());
        assertEquals("person", m.labels().get(1));
        assertEquals("background", m.labels().get(0));
        SplitCorrectnessTest.ensureFrames();
        BufferedImage img = SplitCorrectnessTest.frames.get(300);
        int w = img.getWidth();
        int h = img.getHeight();
        ByteBuffer px = SplitCorrectnessTest.rgb(img);
        float[] boxes;
        float[] scores;
        float[] classes;
        try (SavedModelBundle original = SavedModelBundle.load(RealModels.ssdSavedModel().toString(), "serve");
                TUint8 t = TUint8.tensorOf(Shape.of(1, h, w, 3), DataBuffers.of(px.duplicate()));
                Result r = original.session().runner().feed("image_tensor", t).fetch("detection_boxes")
                        .fetch("detection_scores").fetch("detection_classes").run()) {
            boxes = new float[(int) r.get(0).shape().size()];
            scores = new float[(int) r.get(1).shape().size()];
            classes = new float[scores.length];
            ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(boxes);
            ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(scores);
            ((TFloat32) r.get(2)).asRawTensor().data().asFloats().read(classes);
        }
        try (TfModelSet set = TfModelSet.load(tmp.resolve("ssd"), Device.CPU);
                DffEngine e = new DffEngine(set, Mode.FRAME, 10, 0.3f)) {
            List<Detection> got = e.process(Frame.packed(px, w, h, PixelFormat.RGB), false).detections();
            assertTrue(got.size() >= 3, "people on vtest: " + got);
            for (int i = 0; i < got.size(); i++) {
                Detection d = got.get(i);
                assertEquals(scores[i], d.confidence(), 1e-5);
                assertEquals(Math.round(classes[i]), d.labelId());
                assertEquals(boxes[4 * i + 1] * w, d.box().x1(), 1e-3 * w); // TF OD API boxes are ymin, xmin, ...
                assertEquals(boxes[4 * i] * h, d.box().y1(), 1e-3 * h);
                assertEquals(boxes[4 * i + 3] * w, d.box().x2(), 1e-3 * w);
                assertEquals(boxes[4 * i + 2] * h, d.box().y2(), 1e-3 * h);
            }
            assertEquals("person", got.get(0).label());
        }
    }

    @Test
    void aSplitTheHeadBypassesIsRefused() {
        ModelSetException e = assertThrows(ModelSetException.class, () -> DetectorImporter.write(DetectorPresets.ssd(
                RealModels.ssdSavedModel(), RealModels.ssdLabels(), DetectorPresets.SSD_SPLITS.get(2)),
                tmp.resolve("bad")));
        assertTrue(e.getMessage().contains("is not a single-tensor cut"), e.getMessage());
    }
}
