package org.gstdff.model;

/**
 * The fixed names of a model set (see {@code models/README.md}). Every SavedModel exports the signature
 * {@value #SIGNATURE} under the tag {@value #TAG}.
 */
public final class ModelContract {

    private ModelContract() {
    }

    public static final String MANIFEST = "model.json";
    public static final String FORMAT = "gst-dff-model-set/1";
    public static final String TAG = "serve";
    public static final String SIGNATURE = "serving_default";

    public static final String FEATURE_DIR = "feature";
    public static final String FLOW_DIR = "flow";
    public static final String TASK_DIR = "task";

    /** uint8 [1,H,W,3] RGB frame of any size (feature and flow inputs); resizing and scaling happen in the graph. */
    public static final String IMAGE = "image";
    /** uint8 [1,H,W,3] RGB key frame (flow input). */
    public static final String KEY_IMAGE = "key_image";
    /** float32 [1,h,w,C] feature map (feature output, task input). */
    public static final String FEATURE = "feature";
    /** float32 [1,h,w,2] flow from the current frame to the key frame, (dx, dy) in feature-map pixels. */
    public static final String FLOW = "flow";
    /** float32 [1,h,w,C] scale field multiplied into the warped features. */
    public static final String SCALE = "scale";
    /**
     * Optional flow-network nodes, by operation name (not in the signature): float32 [1,h',w',3], the current and
     * the key frame as the network's first layer takes them (resized and normalised). A network that names them lets
     * a stream feed a frame's input made when that frame was the current one, instead of making it again as the key
     * (a chained flow's key frame is the previous frame).
     */
    public static final String FLOW_IMAGE_INPUT = "image_input";
    public static final String FLOW_KEY_INPUT = "key_input";
    /**
     * Optional task input: the uint8 [1,H,W,3] frame, for detectors whose output decoding reads the input image's
     * shape (the TF Object Detection API's post-processing does). Only its shape is used in practice.
     */
    public static final String TASK_IMAGE = IMAGE;
    /** float32 [1,N,4] boxes (x_min, y_min, x_max, y_max) normalised to [0,1] of the frame. */
    public static final String BOXES = "boxes";
    /** float32 [1,N] detection scores, highest first. */
    public static final String SCORES = "scores";
    /** int32, int64 or float32 [1,N] 0-based indices into the manifest's labels. */
    public static final String CLASSES = "classes";
}
