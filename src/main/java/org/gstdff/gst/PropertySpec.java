package org.gstdff.gst;

import java.util.List;
import java.util.Locale;

/**
 * One element property, declared once as data: parsing, validation, {@code ./dff inspect} and the README table
 * all come from it.
 *
 * @param mutableInPlaying whether the property may change while the pipeline runs
 */
public record PropertySpec(String name, Type type, Object defaultValue, double min, double max,
        List<String> choices, String blurb, boolean mutableInPlaying) {

    public enum Type {
        INT, DOUBLE, STRING, ENUM, BOOLEAN
    }

    public static PropertySpec ofInt(String name, int def, int min, int max, String blurb, boolean mutable) {
        return new PropertySpec(name, Type.INT, def, min, max, List.of(), blurb, mutable);
    }

    public static PropertySpec ofDouble(String name, double def, double min, double max, String blurb,
            boolean mutable) {
        return new PropertySpec(name, Type.DOUBLE, def, min, max, List.of(), blurb, mutable);
    }

    public static PropertySpec ofString(String name, String def, String blurb, boolean mutable) {
        return new PropertySpec(name, Type.STRING, def, 0, 0, List.of(), blurb, mutable);
    }

    public static PropertySpec ofEnum(String name, String def, List<String> choices, String blurb,
            boolean mutable) {
        return new PropertySpec(name, Type.ENUM, def, 0, 0, List.copyOf(choices), blurb, mutable);
    }

    public static PropertySpec ofBoolean(String name, boolean def, String blurb, boolean mutable) {
        return new PropertySpec(name, Type.BOOLEAN, def, 0, 0, List.of(), blurb, mutable);
    }

    /** Parses a value as written in a pipeline description; the error names element, property and range. */
    public Object parse(String element, String text) {
        String t = text.trim();
        try {
            switch (type) {
                case INT -> {
                    long v = Long.parseLong(t);
                    if (v < min || v > max) {
                        throw bad(element, text);
                    }
                    return (int) v;
                }
                case DOUBLE -> {
                    double v = Double.parseDouble(t);
                    if (!(v >= min && v <= max)) {
                        throw bad(element, text);
                    }
                    return v;
                }
                case ENUM -> {
                    String v = t.toLowerCase(Locale.ROOT);
                    if (!choices.contains(v)) {
                        throw bad(element, text);
                    }
                    return v;
                }
                case BOOLEAN -> {
                    return switch (t.toLowerCase(Locale.ROOT)) {
                        case "true", "1", "yes" -> true;
                        case "false", "0", "no" -> false;
                        default -> throw bad(element, text);
                    };
                }
                default -> {
                    return text;
                }
            }
        } catch (NumberFormatException e) {
            throw bad(element, text);
        }
    }

    private IllegalArgumentException bad(String element, String text) {
        return new IllegalArgumentException(element + ": property '" + name + "': expected " + expected()
                + ", got '" + text + "'");
    }

    /** What values are accepted, in words. */
    public String expected() {
        return switch (type) {
            case INT -> "an integer in [" + (long) min + ", " + (long) max + "]";
            case DOUBLE -> "a number in [" + fmt(min) + ", " + fmt(max) + "]";
            case ENUM -> "one of " + String.join(", ", choices);
            case BOOLEAN -> "true or false";
            default -> "a string";
        };
    }

    /** The type line gst-inspect-1.0 prints under a property. */
    public String inspectType() {
        return switch (type) {
            case INT -> "Integer. Range: " + (long) min + " - " + (long) max + " Default: " + defaultValue;
            case DOUBLE -> "Double. Range: " + fmt(min) + " - " + fmt(max) + " Default: " + fmt((Double) defaultValue);
            case ENUM -> "Enum. One of: " + String.join(", ", choices) + " Default: \"" + defaultValue + "\"";
            case BOOLEAN -> "Boolean. Default: " + defaultValue;
            default -> "String. Default: " + (defaultValue == null ? "null" : "\"" + defaultValue + "\"");
        };
    }

    private static String fmt(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(); // 0.0001, not 1.0E-4
    }
}
