package org.gstdff.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gstdff.core.FileTrees;
import org.gstdff.model.GraphLayers;
import org.gstdff.model.ModelContract;
import org.gstdff.model.ModelManifest;
import org.tensorflow.Graph;
import org.gstdff.model.TfTensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * Writes a {@link FlowNetwork} as the {@code flow/} SavedModel of a model set, with the parameters as graph
 * constants (no variables to restore).
 */
public final class FlowModelWriter {

    static {
        org.gstdff.model.TensorFlowNatives.load(); // quietly, before any TensorFlow class needs the library
    }

    private FlowModelWriter() {
    }

    /**
     * Freshly initialised parameters: He-normal where asked, exact zeros and ones otherwise; seeded. A name asked for
     * twice is the same parameter (a shared encoder).
     */
    public static FlowNetwork.Params initial(long seed) {
        Random rnd = new Random(seed);
        Map<String, Operand<TFloat32>> made = new LinkedHashMap<>();
        return (tf, name, init, shape) -> made.computeIfAbsent(name, n -> switch (init) {
            case HE -> GraphLayers.randomWeights(tf, rnd, 1.0, shape);
            case ZERO -> GraphLayers.filled(tf, 0f, shape);
            case ONE -> GraphLayers.filled(tf, 1f, shape);
        });
    }

    /**
     * Parameters from values by name, as constants named after the parameter (so {@link #read} finds them again in
     * an exported network); a name asked for twice is one constant.
     *
     * @param source what the values are from, for the error when a name or shape does not match
     */
    public static FlowNetwork.Params constants(Map<String, float[]> values, String source) {
        Map<String, Operand<TFloat32>> made = new LinkedHashMap<>();
        return (tf, name, init, shape) -> made.computeIfAbsent(name, n -> {
            float[] a = values.get(n);
            if (a == null) {
                throw new IllegalArgumentException(source + " has no flow parameter '" + n
                        + "' (another layout or other widths, or exported before parameters were named)");
            }
            if (a.length != Shape.of(shape).size()) {
                throw new IllegalArgumentException("flow parameter '" + n + "' in " + source + " has " + a.length
                        + " values, the network needs " + Shape.of(shape) + " (other widths?)");
            }
            return tf.withName(n).constant(Shape.of(shape), DataBuffers.of(a));
        });
    }

    /** The parameters of an exported flow network (its float constants by name), e.g. to train it further. */
    public static FlowNetwork.Params read(Path flowDir) {
        return constants(values(flowDir), flowDir.toString());
    }

    /** An exported flow network's float constants by name. */
    public static Map<String, float[]> values(Path flowDir) {
        if (!Files.isRegularFile(flowDir.resolve("saved_model.pb"))) {
            throw new IllegalArgumentException(flowDir + " is not a flow network: no saved_model.pb");
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        try (SavedModelBundle b = SavedModelBundle.load(flowDir.toString(), ModelContract.TAG)) {
            var ops = b.graph().operations();
            while (ops.hasNext()) {
                var op = ops.next();
                if (op.type().equals("Const") && op.output(0).dataType() == DataType.DT_FLOAT) {
                    try (Result r = b.session().runner().fetch(op.name()).run()) {
                        values.put(op.name(), TfTensors.read((TFloat32) r.get(0)));
                    }
                }
            }
        }
        return values;
    }

    /** Exports the network to {@code flowDir} (which must not exist). */
    public static void write(Path flowDir, FlowNetwork.Config config, FlowNetwork.Params params) throws IOException {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TUint8> image = GraphLayers.imageInput(tf, ModelContract.IMAGE);
            Placeholder<TUint8> key = GraphLayers.imageInput(tf, ModelContract.KEY_IMAGE);
            // the inputs named, so that a stream can feed the key frame's from the call it was the current frame in
            Operand<TFloat32> imageInput = tf.withName(ModelContract.FLOW_IMAGE_INPUT).identity(FlowNetwork.input(tf,
                    image, config));
            Operand<TFloat32> keyInput = tf.withName(ModelContract.FLOW_KEY_INPUT).identity(FlowNetwork.input(tf, key,
                    config));
            FlowNetwork.Outputs o = FlowNetwork.buildOnInputs(tf, imageInput, keyInput, config, params);
            Operand<TFloat32> flow = tf.withName(ModelContract.FLOW).identity(o.flow());
            Operand<TFloat32> scale = tf.withName(ModelContract.SCALE).identity(o.scale());
            try (Session s = new Session(g)) {
                SavedModelBundle.exporter(flowDir.toString()).withFunction(SessionFunction.create(Signature.builder()
                        .key(ModelContract.SIGNATURE).input(ModelContract.IMAGE, image)
                        .input(ModelContract.KEY_IMAGE, key).output(ModelContract.FLOW, flow)
                        .output(ModelContract.SCALE, scale).build(), s)).export();
            }
        }
    }

    /**
     * A copy of model set {@code from} in {@code to} whose flow network is {@code config} with {@code params};
     * {@code kind} goes into the manifest's flow description.
     */
    public static void writeSet(Path from, Path to, FlowNetwork.Config config, FlowNetwork.Params params,
            String kind) throws IOException {
        if (Files.exists(to)) {
            throw new IOException(to + " already exists");
        }
        ModelManifest m = ModelManifest.read(from);
        for (String sub : List.of(ModelContract.FEATURE_DIR, ModelContract.TASK_DIR)) {
            FileTrees.copy(from.resolve(sub), to.resolve(sub));
        }
        write(to.resolve(ModelContract.FLOW_DIR), config, params);
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("kind", kind);
        config.describe(flow);
        m.withFlow(flow).write(to);
    }

    /** The configuration for a model set's feature grid. */
    public static FlowNetwork.Config configFor(Path set, List<Integer> widths) {
        return configFor(set, widths, 0);
    }

    /** The configuration for a model set's feature grid, with a cost volume of radius {@code correlation}. */
    public static FlowNetwork.Config configFor(Path set, List<Integer> widths, int correlation) {
        ModelManifest m = ModelManifest.read(set);
        return new FlowNetwork.Config(m.featureWidth(), m.featureHeight(), m.featureChannels(), widths, correlation);
    }

    /**
     * Installs a trained flow network ({@code flowDir}: SavedModel + flow.json) as the flow network of model set
     * {@code set}, replacing its flow/ and the manifest's flow description. Its scale field must have one channel per
     * feature channel of the set; a network whose scale field is exactly 1 ({@code "scale": "unit"}) is re-exported
     * with as many channels as the set has (its flow is unchanged), so one trained network serves a feature split
     * (128 channels) and a head split (84) alike.
     */
    public static void install(Path flowDir, Path set) throws IOException {
        for (String f : List.of("saved_model.pb", "flow.json")) {
            if (!Files.isRegularFile(flowDir.resolve(f))) {
                throw new IOException(flowDir + " is not a trained flow network: no " + f);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> flow = (Map<String, Object>) org.gstdff.core.Json.parse(Files.readString(
                flowDir.resolve("flow.json")));
        // checked before anything is replaced
        ModelManifest m = ModelManifest.readWithFlow(set, flow, flowDir.resolve("flow.json").toString());
        Map<String, float[]> params = values(flowDir);
        float[] bias = params.get(FlowNetwork.SCALE_B);
        if (bias == null) {
            throw new IOException(flowDir + " has no scale field parameter '" + FlowNetwork.SCALE_B + "'");
        }
        Path target = set.resolve(ModelContract.FLOW_DIR);
        if (bias.length == m.featureChannels()) {
            FileTrees.delete(target);
            FileTrees.copy(flowDir, target);
        } else if ("unit".equals(flow.get("scale")) && FlowNetwork.hasUnitScale(params)) {
            int last = params.get(FlowNetwork.SCALE_W).length / bias.length;
            Map<String, float[]> resized = new LinkedHashMap<>(params);
            resized.put(FlowNetwork.SCALE_W, new float[last * m.featureChannels()]);
            float[] ones = new float[m.featureChannels()];
            java.util.Arrays.fill(ones, 1f);
            resized.put(FlowNetwork.SCALE_B, ones);
            integers(flow.get("widths"), flowDir); // a clear error where the widths are missing or not integers
            FlowNetwork.Config c = FlowNetwork.Config.described(flow, m.featureWidth(), m.featureHeight(),
                    m.featureChannels());
            FileTrees.delete(target);
            write(target, c, constants(resized, flowDir.toString()));
            Files.copy(flowDir.resolve("flow.json"), target.resolve("flow.json"));
        } else {
            throw new IOException(flowDir + ": its scale field has " + bias.length + " channels and the set "
                    + set + " has " + m.featureChannels() + " feature channels; only a network whose scale field is "
                    + "exactly 1 (flow.json \"scale\": \"unit\") can be installed into a set of another width");
        }
        m.write(set);
    }

    private static List<Integer> integers(Object o, Path where) throws IOException {
        if (!(o instanceof List<?> l) || l.isEmpty()) {
            throw new IOException(where.resolve("flow.json") + ": 'widths' must be a non-empty array of integers");
        }
        List<Integer> out = new java.util.ArrayList<>();
        for (Object x : l) {
            out.add(((Number) x).intValue());
        }
        return out;
    }
}
