package org.gstdff.gst;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Current values of an element's properties, validated against their specs. Thread-safe. */
public final class ElementProperties {

    private final String element;
    private final Map<String, PropertySpec> specs = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    public ElementProperties(String element, List<PropertySpec> specs) {
        this.element = element;
        for (PropertySpec s : specs) {
            this.specs.put(s.name(), s);
            values.put(s.name(), s.defaultValue());
        }
    }

    public PropertySpec spec(String name) {
        PropertySpec s = specs.get(name);
        if (s == null) {
            throw new IllegalArgumentException(element + ": no property '" + name + "' (properties: "
                    + String.join(", ", specs.keySet()) + ")");
        }
        return s;
    }

    /** Parses and stores a value written as text; returns the typed value. */
    public synchronized Object set(String name, String text) {
        Object v = spec(name).parse(element, text);
        values.put(name, v);
        return v;
    }

    public synchronized Object get(String name) {
        spec(name);
        return values.get(name);
    }

    public int getInt(String name) {
        return (Integer) get(name);
    }

    public double getDouble(String name) {
        return (Double) get(name);
    }

    public String getString(String name) {
        return (String) get(name);
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }
}
