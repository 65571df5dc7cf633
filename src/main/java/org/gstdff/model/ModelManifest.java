package org.gstdff.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gstdff.core.Json;
import org.gstdff.core.LucasKanade;
import org.gstdff.core.PeakDecoder;

/**
 * The manifest {@code model.json} of a model set.
 *
 * @param name           short name of the set
 * @param description    one line for people
 * @param inputWidth     width the feature graph resizes frames to
 * @param inputHeight    height the feature graph resizes frames to
 * @param featureStride  input pixels per feature-map pixel
 * @param featureChannels channels C of the feature map
 * @param labels         class names; a class index from the task net indexes this list
 * @param scoreThreshold default minimum score of a reported detection
 * @param split          how the original detector was split (free-form, for people and the importer)
 * @param flow           what the flow network is (free-form: {@code kind} is e.g. learned, zero, random)
 * @param outside        the feature map's value outside its borders, per channel (null: 0), which the warp gives
 *                       samples that fall outside the key map; a head-output map's "nothing here" is the head's
 *                       output on zero features, not 0
 * @param decode         null when the task network decodes; otherwise the feature map is a detection head's output
 *                       and is decoded in Java by {@link PeakDecoder} (the task network stays as its reference)
 */
public record ModelManifest(String name, String description, int inputWidth, int inputHeight, int featureStride,
        int featureChannels, List<String> labels, float scoreThreshold, Map<String, Object> split,
        Map<String, Object> flow, List<Float> outside, PeakDecoder.Config decode) {

    /** The decoder kinds {@code decode.kind} may name. */
    public static final String CENTERNET_DECODE = "centernet";

    public ModelManifest {
        labels = List.copyOf(labels);
        split = Collections.unmodifiableMap(new LinkedHashMap<>(split));
        flow = Collections.unmodifiableMap(new LinkedHashMap<>(flow));
        outside = outside == null ? null : List.copyOf(outside);
        if (outside != null && outside.size() != featureChannels) {
            throw new ModelSetException("manifest of " + name + ": feature.outside has " + outside.size()
                    + " values for " + featureChannels + " channels");
        }
        if (decode != null && (labels.size() != decode.boxChannel() || decode.boxChannel() + 4 > featureChannels)) {
            throw new ModelSetException("manifest of " + name + ": decode.box_channel " + decode.boxChannel()
                    + " must follow the " + labels.size() + " class channels (one per label) and leave 4 box "
                    + "channels within the " + featureChannels + " feature channels");
        }
        refinement(flow, name); // a clear error at load, not at the first non-key frame
    }

    /** A manifest for a feature map the task network decodes. */
    public ModelManifest(String name, String description, int inputWidth, int inputHeight, int featureStride,
            int featureChannels, List<String> labels, float scoreThreshold, Map<String, Object> split,
            Map<String, Object> flow) {
        this(name, description, inputWidth, inputHeight, featureStride, featureChannels, labels, scoreThreshold,
                split, flow, null, null);
    }

    /** The same set with another flow description. */
    public ModelManifest withFlow(Map<String, Object> newFlow) {
        return new ModelManifest(name, description, inputWidth, inputHeight, featureStride, featureChannels, labels,
                scoreThreshold, split, newFlow, outside, decode);
    }

    /** The outside values as an array, or null for 0. */
    public float[] outsideValues() {
        if (outside == null) {
            return null;
        }
        float[] a = new float[outside.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = outside.get(i);
        }
        return a;
    }

    /** Whether the feature map is a detection head's output, decoded in Java. */
    public boolean isHeadMap() {
        return decode != null;
    }

    public int featureWidth() {
        return ceilDiv(inputWidth, featureStride);
    }

    public int featureHeight() {
        return ceilDiv(inputHeight, featureStride);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    public String flowKind() {
        return String.valueOf(flow.getOrDefault("kind", "unknown"));
    }

    /**
     * True where the flow description says {@code "scale": "unit"}: the flow network's scale field is exactly 1
     * (never trained), so it need not be computed nor applied.
     */
    public boolean flowScaleIsUnit() {
        return "unit".equals(flow.get("scale"));
    }

    /** True where the flow description says {@code "path": "chain"}: the network is chained frame to frame. */
    public boolean flowChains() {
        return "chain".equals(flow.get("path"));
    }

    /** The flow description's field naming the refinement its network is used with. */
    public static final String REFINE = "refine";

    /**
     * The Lucas-Kanade steps the set's flow network is used with (flow description {@code "refine": {"method":
     * "lucas-kanade", "iterations": 2, "scale": 2, "window": 14, "lambda": 0.0001, "still": 0.02}}; without "still"
     * every cell is stepped), or null for none.
     *
     * @throws ModelSetException naming the field at fault
     */
    public LucasKanade.Settings flowRefinement() {
        return refinement(flow, name);
    }

    private static LucasKanade.Settings refinement(Map<String, Object> flow, String name) {
        Object r = flow.get(REFINE);
        if (r == null) {
            return null;
        }
        String where = "manifest of " + name + ": flow." + REFINE;
        if (!(r instanceof Map<?, ?> m) || !"lucas-kanade".equals(m.get("method"))) {
            throw new ModelSetException(where + " must be an object with \"method\": \"lucas-kanade\", got " + r);
        }
        Fields f = new Fields(where);
        Map<String, Object> fields = f.object(m, REFINE);
        try {
            return new LucasKanade.Settings(f.positive(fields, "iterations", "iterations"), f.positive(fields,
                    "scale", "scale"), f.positive(fields, "window", "window"), (float) f.number(fields, "lambda"),
                    fields.containsKey("still") ? (float) f.number(fields, "still") : 0f);
        } catch (IllegalArgumentException e) {
            throw new ModelSetException(where + ": " + e.getMessage());
        }
    }

    /** A refinement as a flow description's {@link #REFINE} value. */
    public static Map<String, Object> describe(LucasKanade.Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "lucas-kanade");
        m.put("iterations", s.iterations());
        m.put("scale", s.scale());
        m.put("window", s.window());
        m.put("lambda", s.lambda());
        if (s.still() > 0) { // older descriptions have no such field: every cell was stepped
            m.put("still", s.still());
        }
        return m;
    }

    /** Reads and validates {@code dir/model.json}, naming the field at fault. */
    public static ModelManifest read(Path dir) {
        return fromJson(parse(dir), dir.resolve(ModelContract.MANIFEST).toString());
    }

    /**
     * Reads {@code dir/model.json} with its flow description replaced by {@code flow}, and validates that: the set's
     * own description, about to be replaced, is not checked (a set from an older build installs a new network).
     *
     * @param flowSource where {@code flow} comes from, named with any fault
     */
    @SuppressWarnings("unchecked")
    public static ModelManifest readWithFlow(Path dir, Map<String, Object> flow, String flowSource) {
        Path file = dir.resolve(ModelContract.MANIFEST);
        Object root = parse(dir);
        if (root instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put("flow", flow);
        }
        try {
            return fromJson(root, file.toString());
        } catch (ModelSetException e) {
            throw new ModelSetException(file + " with the flow description of " + flowSource + ": " + e.getMessage(),
                    e);
        }
    }

    private static Object parse(Path dir) {
        Path file = dir.resolve(ModelContract.MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new ModelSetException("model set " + dir + ": manifest " + file + " not found");
        }
        Object root;
        try {
            root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelSetException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelSetException(file + ": " + e.getMessage(), e);
        }
        return root;
    }

    static ModelManifest fromJson(Object root, String where) {
        Fields f = new Fields(where);
        Map<String, Object> m = f.object(root, "(root)");
        String format = f.string(m, "format");
        if (!ModelContract.FORMAT.equals(format)) {
            throw f.fail("format", "expected \"" + ModelContract.FORMAT + "\", got \"" + format + "\"");
        }
        Map<String, Object> input = f.object(m.get("input"), "input");
        String pixels = f.string(input, "pixel_format");
        if (!"RGB".equals(pixels)) {
            throw f.fail("input.pixel_format", "expected \"RGB\" (uint8 RGB frames), got \"" + pixels + "\"");
        }
        Map<String, Object> feature = f.object(m.get("feature"), "feature");
        List<String> labels = new ArrayList<>();
        Object l = m.get("labels");
        if (!(l instanceof List<?> list) || list.isEmpty()) {
            throw f.fail("labels", "expected a non-empty array of class names");
        }
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw f.fail("labels", "expected strings, found " + o);
            }
            labels.add(s);
        }
        double threshold = f.number(m, "score_threshold");
        if (threshold < 0 || threshold > 1) {
            throw f.fail("score_threshold", "expected a value within [0, 1], got " + threshold);
        }
        int channels = f.positive(feature, "channels", "feature.channels");
        List<Float> outside = null;
        if (feature.containsKey("outside")) {
            if (!(feature.get("outside") instanceof List<?> values) || values.size() != channels) {
                throw f.fail("feature.outside", "expected an array of " + channels + " numbers (one per channel)");
            }
            outside = new ArrayList<>();
            for (Object o : values) {
                if (!(o instanceof Number n)) {
                    throw f.fail("feature.outside", "expected numbers, found " + o);
                }
                outside.add(n.floatValue());
            }
        }
        PeakDecoder.Config decode = null;
        int stride = f.positive(feature, "stride", "feature.stride");
        if (m.containsKey("decode")) {
            Map<String, Object> d = f.object(m.get("decode"), "decode");
            String kind = f.string(d, "kind");
            if (!CENTERNET_DECODE.equals(kind)) {
                throw f.fail("decode.kind", "expected \"" + CENTERNET_DECODE + "\", got \"" + kind + "\"");
            }
            double floor = f.number(d, "score_floor");
            if (!(floor > 0 && floor < 1)) {
                throw f.fail("decode.score_floor", "expected a value within (0, 1), got " + floor);
            }
            int box = (int) f.number(d, "box_channel");
            if (box != labels.size()) {
                throw f.fail("labels", "the head has " + box + " class channels (decode.box_channel) but labels "
                        + "lists " + labels.size() + " names: one name per class channel, in order");
            }
            if (box + 4 > channels) {
                throw f.fail("decode.box_channel", "expected 4 box channels after the " + box + " class channels "
                        + "within the " + channels + " feature channels; got " + box);
            }
            decode = new PeakDecoder.Config(box, (float) f.number(d, "box_scale"), stride,
                    f.positive(d, "max_detections", "decode.max_detections"), (float) floor);
        }
        return new ModelManifest(f.string(m, "name"), String.valueOf(m.getOrDefault("description", "")),
                f.positive(input, "width", "input.width"), f.positive(input, "height", "input.height"),
                stride, channels, labels, (float) threshold, f.optionalObject(m.get("split"), "split"),
                f.optionalObject(m.get("flow"), "flow"), outside, decode);
    }

    /** The manifest as a JSON object, in the order the file documents it. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", ModelContract.FORMAT);
        m.put("name", name);
        m.put("description", description);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("width", inputWidth);
        input.put("height", inputHeight);
        input.put("pixel_format", "RGB");
        m.put("input", input);
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("stride", featureStride);
        feature.put("channels", featureChannels);
        if (outside != null) {
            List<Object> values = new ArrayList<>();
            for (Float v : outside) {
                values.add(Double.parseDouble(Float.toString(v))); // the float's shortest decimal form
            }
            feature.put("outside", values);
        }
        m.put("feature", feature);
        m.put("labels", labels);
        m.put("score_threshold", Double.parseDouble(Float.toString(scoreThreshold))); // 0.4, not 0.4000000059
        m.put("split", new LinkedHashMap<>(split));
        m.put("flow", new LinkedHashMap<>(flow));
        if (decode != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", CENTERNET_DECODE);
            d.put("box_channel", decode.boxChannel());
            d.put("box_scale", Double.parseDouble(Float.toString(decode.boxScale())));
            d.put("max_detections", decode.maxDetections());
            d.put("score_floor", Double.parseDouble(Float.toString(decode.scoreFloor())));
            m.put("decode", d);
        }
        return m;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(ModelContract.MANIFEST), Json.writePretty(toJson()), StandardCharsets.UTF_8);
    }

    /** Field access with errors that say which field of which file is wrong. */
    private record Fields(String where) {

        ModelSetException fail(String field, String what) {
            return new ModelSetException(where + ": field '" + field + "': " + what);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(Object o, String field) {
            if (!(o instanceof Map<?, ?>)) {
                throw fail(field, "expected a JSON object");
            }
            return (Map<String, Object>) o;
        }

        Map<String, Object> optionalObject(Object o, String field) {
            return o == null ? Map.of() : object(o, field);
        }

        String string(Map<String, Object> m, String key) {
            if (!(m.get(key) instanceof String s)) {
                throw fail(key, m.containsKey(key) ? "expected a string" : "missing");
            }
            return s;
        }

        double number(Map<String, Object> m, String key) {
            if (!(m.get(key) instanceof Number n)) {
                throw fail(key, m.containsKey(key) ? "expected a number" : "missing");
            }
            return n.doubleValue();
        }

        int positive(Map<String, Object> m, String key, String field) {
            Object o = m.get(key);
            if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1) {
                throw fail(field, o == null ? "missing" : "expected a positive integer, got " + o);
            }
            return n.intValue();
        }
    }
}
