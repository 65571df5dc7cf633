package org.gstdff.core;

import java.io.IOException;
import java.io.StringReader;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

/**
 * The project's one Gson configuration, for manifests, reports and JSON lines. Objects become maps with their key
 * order kept, arrays lists, integral numbers {@code Long} and others {@code Double}; reading is strict (RFC 8259:
 * no comments, unquoted names or trailing data). NaN and infinities, which JSON cannot hold, are written as null.
 */
public final class Json {

    private static final Gson LINE = builder().create();
    private static final Gson PRETTY = builder().setPrettyPrinting().create();

    private Json() {
    }

    private static GsonBuilder builder() {
        JsonSerializer<Number> finite = (n, type, ctx) -> Double.isFinite(n.doubleValue()) ? new JsonPrimitive(n)
                : JsonNull.INSTANCE;
        return new GsonBuilder().serializeNulls().disableHtmlEscaping()
                .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
                .registerTypeAdapter(Double.class, finite).registerTypeAdapter(Float.class, finite);
    }

    /** Parses one JSON value; throws {@link IllegalArgumentException} saying where (line, column, path). */
    public static Object parse(String text) {
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(Strictness.STRICT);
            Object v = LINE.fromJson(r, Object.class);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("invalid JSON: trailing characters after the value at "
                        + r.getPath());
            }
            return v;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** Writes a value made of maps, iterables, strings, numbers, booleans and nulls, on one line. */
    public static String write(Object value) {
        return LINE.toJson(value);
    }

    /** Like {@link #write(Object)} but indented by two spaces per level, for files people read. */
    public static String writePretty(Object value) {
        return PRETTY.toJson(value) + "\n";
    }
}
