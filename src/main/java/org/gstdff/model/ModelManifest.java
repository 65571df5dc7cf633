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
 */
public record ModelManifest(String name, String description, int inputWidth, int inputHeight, int featureStride,
        int featureChannels, List<String> labels, float scoreThreshold, Map<String, Object> split,
        Map<String, Object> flow) {

    public ModelManifest {
        labels = List.copyOf(labels);
        split = Collections.unmodifiableMap(new LinkedHashMap<>(split));
        flow = Collections.unmodifiableMap(new LinkedHashMap<>(flow));
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

    /** Reads and validates {@code dir/model.json}, naming the field at fault. */
    public static ModelManifest read(Path dir) {
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
        return fromJson(root, file.toString());
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
        return new ModelManifest(f.string(m, "name"), String.valueOf(m.getOrDefault("description", "")),
                f.positive(input, "width", "input.width"), f.positive(input, "height", "input.height"),
                f.positive(feature, "stride", "feature.stride"), f.positive(feature, "channels", "feature.channels"),
                labels, (float) threshold, f.optionalObject(m.get("split"), "split"),
                f.optionalObject(m.get("flow"), "flow"));
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
        m.put("feature", feature);
        m.put("labels", labels);
        m.put("score_threshold", Double.parseDouble(Float.toString(scoreThreshold))); // 0.4, not 0.4000000059
        m.put("split", new LinkedHashMap<>(split));
        m.put("flow", new LinkedHashMap<>(flow));
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
