package org.gstdff.model.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gstdff.core.PeakDecoder;
import org.gstdff.model.ModelContract;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.ModelSetException;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * Splits a detector graph into a model set. The detector's input placeholder is replaced by the contract's
 * pre-processing (uint8 RGB frame of any size, resized in the graph when the detector wants a fixed float input);
 * its outputs are decoded into the contract's boxes / scores / classes; the graph is cut at one named tensor, or at
 * several concatenated along channels (a detection head's outputs): everything above the cut is {@code feature/},
 * everything below {@code task/}. The flow model written alongside is zero flow with scale 1 (feature hold) until a
 * learned one replaces it.
 * <p>
 * A cut at several tensors {@code A, B}: the graph computes {@code dff/head_map = concat(A, B)} and the nodes that
 * read {@code A} and {@code B} read slices of it instead (under the original names, so tools that name the head's
 * tensors still find them in the task graph), which keeps it a single-tensor cut.
 */
public final class DetectorImporter {

    static {
        org.gstdff.model.TensorFlowNatives.load(); // quietly, before any TensorFlow class needs the library
    }

    /** How the detector's input placeholder is fed. */
    public enum Input {
        /** float32 [1,H,W,3] with raw 0..255 values at a fixed size: resize in the graph. */
        FLOAT_RAW_FIXED,
        /** uint8 [-1,-1,-1,3] of any size: feed the frame as it is. */
        UINT8_ANY
    }

    /** How the detector's outputs become boxes, scores and classes. */
    public enum Decoder {
        /** One tensor [1,N,6]: x1, y1, x2, y2 in input pixels, score, 0-based class. */
        XYXY_SCORE_CLASS,
        /** TF Object Detection API: detection_boxes (ymin, xmin, ymax, xmax normalised), detection_scores, detection_classes (1-based ids). */
        TF_OD_API
    }

    /**
     * What to import.
     *
     * @param inputNode the detector's input placeholder
     * @param outputs   the detector's output tensors the decoder reads, in the decoder's order
     * @param split     the tensor the graph is cut at ("node:index")
     */
    public record Spec(String name, String description, GraphDef graph, String inputNode, Input input, int inputWidth,
            int inputHeight, List<String> outputs, Decoder decoder, String split, List<String> labels,
            float threshold, Map<String, Object> source, HeadDecode head) {

        /** A split at one tensor (or several, comma-separated) whose task network decodes in the graph. */
        public Spec(String name, String description, GraphDef graph, String inputNode, Input input, int inputWidth,
                int inputHeight, List<String> outputs, Decoder decoder, String split, List<String> labels,
                float threshold, Map<String, Object> source) {
            this(name, description, graph, inputNode, input, inputWidth, inputHeight, outputs, decoder, split, labels,
                    threshold, source, null);
        }

        /** The tensors the graph is cut at. */
        public List<String> splits() {
            return List.of(split.split(","));
        }
    }

    /**
     * A split at a detection head's outputs (class logits, then a 4-channel box map) decoded in Java, CenterNet's way.
     * The map's value past its borders (the manifest's {@code feature.outside}: what a warp reads where the key frame
     * did not see) is what the detector says where there is nothing: per channel, the median of its head map over a
     * uniform grey frame. (The head's output on zero features, its biases, would be the exact counterpart of a
     * feature warp's zeros, but for this head that is a score of ~0.13 for every class: measured on vtest, it makes
     * the border cells' samples a plateau of candidates that cost decode time and add nothing to accuracy.)
     *
     * @param boxScale      what the graph multiplies the box map by to get input pixels
     * @param maxDetections the graph's top k
     * @param scoreFloor    the decoder's score floor
     */
    public record HeadDecode(float boxScale, int maxDetections, float scoreFloor) {
    }

    private static final String IMAGE = "dff/image";
    /** The concatenation of a several-tensor split. */
    static final String HEAD_MAP = "dff/head_map";

    private DetectorImporter() {
    }

    /** Writes the model set; returns its manifest. */
    public static ModelManifest write(Spec spec, Path out) throws IOException {
        GraphDef g = withPreprocessing(spec);
        String splitTensor = spec.split();
        int[] parts = null;
        if (spec.splits().size() > 1) {
            parts = channels(g, spec);
            g = withConcatenatedSplit(g, spec, parts);
            splitTensor = HEAD_MAP + ":0";
        }
        if (spec.head() != null && (parts == null || parts.length != 2 || parts[1] != 4
                || parts[0] != spec.labels().size())) {
            throw new ModelSetException(spec.name() + ": a head split needs two tensors, the class logits (one "
                    + "channel per label: " + spec.labels().size() + ") and a 4-channel box map; '" + spec.split()
                    + "' has " + (parts == null ? "one tensor" : "channels " + java.util.Arrays.toString(parts)));
        }
        try (Graph graph = new Graph()) {
            try {
                graph.importGraphDef(g);
            } catch (IllegalArgumentException e) {
                throw new ModelSetException(spec.name() + ": TensorFlow cannot import the graph: " + e.getMessage(), e);
            }
            Ops tf = Ops.create(graph);
            Output<TFloat32> feature = tensor(graph, splitTensor, spec.name());
            Output<TUint8> image = tensor(graph, IMAGE + ":0", spec.name());
            Decoded d = decode(tf, graph, spec);
            try (Session s = new Session(graph)) {
                Shape fs = probeFeatureShape(s, image, feature, spec);
                if (fs.numDimensions() != 4 || fs.get(0) != 1) {
                    throw new ModelSetException(spec.name() + ": split tensor '" + spec.split() + "' has shape " + fs
                            + "; a feature map [1,h,w,C] is needed");
                }
                if (spec.decoder() == Decoder.TF_OD_API) {
                    requireShapeOnlyImageUse(s, image, feature, d.scores(), spec);
                }
                int stride = (int) Math.round((double) spec.inputHeight() / fs.get(1));
                int channels = (int) fs.get(3);
                SavedModelBundle.exporter(out.resolve(ModelContract.FEATURE_DIR).toString())
                        .withFunction(SessionFunction.create(Signature.builder().key(ModelContract.SIGNATURE)
                                .input(ModelContract.IMAGE, image).output(ModelContract.FEATURE, feature).build(), s))
                        .export();
                Signature.Builder task = Signature.builder().key(ModelContract.SIGNATURE)
                        .input(ModelContract.FEATURE, feature);
                if (spec.decoder() == Decoder.TF_OD_API) {
                    // its post-processing reads the input image's shape
                    task.input(ModelContract.TASK_IMAGE, image);
                }
                SavedModelBundle.exporter(out.resolve(ModelContract.TASK_DIR).toString())
                        .withFunction(SessionFunction.create(task.output(ModelContract.BOXES, d.boxes())
                                .output(ModelContract.SCORES, d.scores()).output(ModelContract.CLASSES, d.classes())
                                .build(), s))
                        .export();
                int fh = (int) fs.get(1);
                int fw = (int) fs.get(2);
                ZeroFlowModel.write(out.resolve(ModelContract.FLOW_DIR), fh, fw, channels);
                Map<String, Object> split = new LinkedHashMap<>(spec.source());
                split.put("input", spec.inputNode());
                split.put("feature_output", spec.split());
                if (parts != null) {
                    split.put("feature_tensor", splitTensor);
                }
                split.put("detector_outputs", spec.outputs());
                split.put("feature_map", List.of(fh, fw, channels));
                List<Float> outside = null;
                PeakDecoder.Config decode = null;
                if (spec.head() != null) {
                    outside = outside(s, feature, spec);
                    decode = new PeakDecoder.Config(parts[0], spec.head().boxScale(), stride,
                            spec.head().maxDetections(), spec.head().scoreFloor());
                    split.put("outside", "per-channel median of the head map on a uniform grey frame");
                }
                ModelManifest m = new ModelManifest(spec.name(), spec.description(), spec.inputWidth(),
                        spec.inputHeight(), stride, channels, spec.labels(), spec.threshold(), split,
                        Map.of("kind", "zero", "description", "zero flow, scale 1: features held from the key frame "
                                + "until the learned flow network is trained"), outside, decode);
                m.write(out);
                return m;
            }
        }
    }

    /** Channels of each split tensor, from one run of the graph on a blank frame. */
    private static int[] channels(GraphDef g, Spec spec) {
        List<String> splits = spec.splits();
        int[] out = new int[splits.size()];
        try (Graph graph = new Graph()) {
            graph.importGraphDef(g);
            try (Session s = new Session(graph);
                    TUint8 img = TUint8.tensorOf(Shape.of(1, spec.inputHeight(), spec.inputWidth(), 3))) {
                Session.Runner r = s.runner().feed(IMAGE + ":0", img);
                for (String t : splits) {
                    if (!t.endsWith(":0")) {
                        throw new ModelSetException(spec.name() + ": split tensor '" + t + "' must be a node's "
                                + "first output (':0') to be concatenated");
                    }
                    r.fetch(tensor(graph, t, spec.name()));
                }
                try (Result res = r.run()) {
                    for (int i = 0; i < out.length; i++) {
                        Shape sh = res.get(i).shape();
                        if (sh.numDimensions() != 4 || res.get(i).dataType() != DataType.DT_FLOAT) {
                            throw new ModelSetException(spec.name() + ": split tensor '" + splits.get(i) + "' is "
                                    + res.get(i).dataType() + " " + sh + "; float [1,h,w,C] maps are needed");
                        }
                        out[i] = (int) sh.get(3);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ModelSetException(spec.name() + ": TensorFlow cannot import the graph: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The graph with the split tensors concatenated into {@link #HEAD_MAP}: each split node is renamed
     * {@code NAME/dff_source} and feeds the concatenation, and {@code NAME} becomes an identity of its slice of it,
     * so every reader of the split tensors reads through the one map.
     */
    static GraphDef withConcatenatedSplit(GraphDef g, Spec spec, int[] channels) {
        List<String> nodes = spec.splits().stream().map(t -> t.substring(0, t.length() - 2)).toList();
        GraphDef.Builder out = GraphDef.newBuilder(g).clearNode();
        for (NodeDef n : g.getNodeList()) {
            out.addNode(nodes.contains(n.getName()) ? n.toBuilder().setName(n.getName() + "/dff_source").build() : n);
        }
        AttrValue f32 = AttrValue.newBuilder().setType(DataType.DT_FLOAT).build();
        AttrValue i32 = AttrValue.newBuilder().setType(DataType.DT_INT32).build();
        out.addNode(intConst(HEAD_MAP + "/axis", new int[] {3}, true));
        NodeDef.Builder concat = NodeDef.newBuilder().setName(HEAD_MAP).setOp("ConcatV2").putAttr("T", f32)
                .putAttr("Tidx", i32).putAttr("N", AttrValue.newBuilder().setI(nodes.size()).build());
        nodes.forEach(n -> concat.addInput(n + "/dff_source"));
        out.addNode(concat.addInput(HEAD_MAP + "/axis"));
        int offset = 0;
        for (int i = 0; i < nodes.size(); i++) {
            String slice = HEAD_MAP + "/part_" + i;
            out.addNode(intConst(slice + "/begin", new int[] {0, 0, 0, offset}, false));
            out.addNode(intConst(slice + "/size", new int[] {-1, -1, -1, channels[i]}, false));
            out.addNode(NodeDef.newBuilder().setName(slice).setOp("Slice").addInput(HEAD_MAP)
                    .addInput(slice + "/begin").addInput(slice + "/size").putAttr("T", f32).putAttr("Index", i32));
            out.addNode(NodeDef.newBuilder().setName(nodes.get(i)).setOp("Identity").addInput(slice)
                    .putAttr("T", f32));
            offset += channels[i];
        }
        return out.build();
    }

    private static NodeDef intConst(String name, int[] values, boolean scalar) {
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_INT32);
        if (!scalar) {
            t.setTensorShape(shape(values.length));
        }
        for (int v : values) {
            t.addIntVal(v);
        }
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(t).build()).build();
    }

    /** Per channel, the median of the head map over a uniform grey frame: "nothing here" (see {@link HeadDecode}). */
    private static List<Float> outside(Session s, Output<TFloat32> feature, Spec spec) {
        byte[] grey = new byte[spec.inputHeight() * spec.inputWidth() * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        try (TUint8 img = TUint8.tensorOf(Shape.of(1, spec.inputHeight(), spec.inputWidth(), 3),
                org.tensorflow.ndarray.buffer.DataBuffers.of(grey, true, false));
                Result r = s.runner().feed(IMAGE + ":0", img).fetch(feature).run()) {
            Shape fs = r.get(0).shape();
            int c = (int) fs.get(3);
            int cells = (int) (fs.get(1) * fs.get(2));
            float[] all = org.gstdff.model.TfTensors.read((TFloat32) r.get(0));
            List<Float> out = new java.util.ArrayList<>(c);
            float[] column = new float[cells];
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < cells; p++) {
                    column[p] = all[p * c + ch];
                }
                java.util.Arrays.sort(column);
                out.add(column[cells / 2]);
            }
            return out;
        }
    }

    private record Decoded(Operand<TFloat32> boxes, Operand<TFloat32> scores, Operand<TInt32> classes) {
    }

    private static Decoded decode(Ops tf, Graph graph, Spec spec) {
        Ops d = tf.withSubScope("dff_decode");
        switch (spec.decoder()) {
            case XYXY_SCORE_CLASS -> {
                Output<TFloat32> det = tensor(graph, spec.outputs().get(0), spec.name());
                float w = spec.inputWidth();
                float h = spec.inputHeight();
                Operand<TFloat32> xyxy = d.gather(det, d.constant(new int[] {0, 1, 2, 3}), d.constant(2));
                Operand<TFloat32> boxes = d.withName("boxes").math.div(xyxy, d.constant(new float[] {w, h, w, h}));
                Operand<TFloat32> scores = d.withName("scores").gather(det, d.constant(4), d.constant(2));
                Operand<TInt32> classes = d.withName("classes").dtypes.cast(
                        d.gather(det, d.constant(5), d.constant(2)), TInt32.class);
                return new Decoded(boxes, scores, classes);
            }
            case TF_OD_API -> {
                Output<TFloat32> yxyx = tensor(graph, spec.outputs().get(0), spec.name());
                Operand<TFloat32> boxes = d.withName("boxes").gather(yxyx, d.constant(new int[] {1, 0, 3, 2}),
                        d.constant(2));
                Operand<TFloat32> scores = d.withName("scores").identity(tensor(graph, spec.outputs().get(1),
                        spec.name()));
                Operand<TInt32> classes = d.withName("classes").dtypes.cast(tensor(graph, spec.outputs().get(2),
                        spec.name()), TInt32.class);
                return new Decoded(boxes, scores, classes);
            }
            default -> throw new IllegalArgumentException(String.valueOf(spec.decoder()));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends org.tensorflow.types.family.TType> Output<T> tensor(Graph g, String name, String where) {
        try {
            return (Output<T>) g.outputOrThrow(name);
        } catch (IllegalArgumentException e) {
            throw new ModelSetException(where + ": tensor '" + name + "' not found in the graph", e);
        }
    }

    private static Shape probeFeatureShape(Session s, Output<TUint8> image, Output<TFloat32> feature, Spec spec) {
        try (TUint8 img = TUint8.tensorOf(Shape.of(1, spec.inputHeight(), spec.inputWidth(), 3));
                Result r = s.runner().feed(image, img).fetch(feature).run()) {
            return r.get(0).shape();
        } catch (RuntimeException e) {
            throw new ModelSetException(spec.name() + ": running the graph up to '" + spec.split() + "' failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A task that also takes the image must use only its shape: with the split tensor fed, scores must not change
     * when the pixels do. Otherwise TensorFlow would quietly recompute part of the backbone from the image in the
     * task graph (the split is not a single-tensor cut) and every frame would pay for it.
     */
    private static void requireShapeOnlyImageUse(Session s, Output<TUint8> image, Output<TFloat32> feature,
            Operand<TFloat32> scores, Spec spec) {
        Shape shape = Shape.of(1, spec.inputHeight(), spec.inputWidth(), 3);
        byte[] noise = new byte[(int) shape.size()];
        new java.util.Random(1).nextBytes(noise);
        try (TUint8 real = TUint8.tensorOf(shape, org.tensorflow.ndarray.buffer.DataBuffers.of(noise));
                TUint8 black = TUint8.tensorOf(shape);
                Result f = s.runner().feed(image, real).fetch(feature).run();
                Result a = s.runner().feed(feature, f.get(0)).feed(image, real).fetch(scores).run();
                Result b = s.runner().feed(feature, f.get(0)).feed(image, black).fetch(scores).run()) {
            float[] x = new float[(int) a.get(0).shape().size()];
            float[] y = new float[x.length];
            ((TFloat32) a.get(0)).asRawTensor().data().asFloats().read(x);
            ((TFloat32) b.get(0)).asRawTensor().data().asFloats().read(y);
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(x[i] - y[i]) > 1e-5) {
                    throw new ModelSetException(spec.name() + ": '" + spec.split() + "' is not a single-tensor cut: "
                            + "the task graph still reads the image's pixels (another path from the input bypasses "
                            + "the split), so each frame would recompute part of the backbone");
                }
            }
        }
    }

    /** The detector's GraphDef with its input placeholder fed from the contract's uint8 image input. */
    static GraphDef withPreprocessing(Spec spec) {
        GraphDef.Builder out = GraphDef.newBuilder(spec.graph()).clearNode();
        boolean found = false;
        for (NodeDef n : spec.graph().getNodeList()) {
            if (!n.getName().equals(spec.inputNode())) {
                out.addNode(n);
                continue;
            }
            if (!n.getOp().equals("Placeholder")) {
                throw new ModelSetException(spec.name() + ": input '" + spec.inputNode() + "' is a " + n.getOp()
                        + ", expected a Placeholder");
            }
            found = true;
            out.addNode(NodeDef.newBuilder().setName(IMAGE).setOp("Placeholder")
                    .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_UINT8).build())
                    .putAttr("shape", AttrValue.newBuilder().setShape(shape(1, -1, -1, 3)).build()));
            String fed;
            if (spec.input() == Input.FLOAT_RAW_FIXED) {
                out.addNode(NodeDef.newBuilder().setName("dff/image_float").setOp("Cast").addInput(IMAGE)
                        .putAttr("SrcT", AttrValue.newBuilder().setType(DataType.DT_UINT8).build())
                        .putAttr("DstT", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                        .putAttr("Truncate", AttrValue.newBuilder().setB(false).build()));
                out.addNode(NodeDef.newBuilder().setName("dff/size").setOp("Const")
                        .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                        .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
                                .setDtype(DataType.DT_INT32).setTensorShape(shape(2))
                                .addIntVal(spec.inputHeight()).addIntVal(spec.inputWidth())).build()));
                out.addNode(NodeDef.newBuilder().setName("dff/resized").setOp("ResizeBilinear")
                        .addInput("dff/image_float").addInput("dff/size")
                        .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build())
                        .putAttr("align_corners", AttrValue.newBuilder().setB(false).build())
                        .putAttr("half_pixel_centers", AttrValue.newBuilder().setB(false).build()));
                fed = "dff/resized";
            } else {
                fed = IMAGE;
            }
            DataType t = n.getAttrOrThrow("dtype").getType();
            out.addNode(NodeDef.newBuilder().setName(n.getName()).setOp("Identity").addInput(fed)
                    .putAttr("T", AttrValue.newBuilder().setType(t).build()));
        }
        if (!found) {
            throw new ModelSetException(spec.name() + ": input node '" + spec.inputNode() + "' not found in the graph");
        }
        return out.build();
    }

    private static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
        for (long d : dims) {
            b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return b.build();
    }
}
