package org.gstdff.gst;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.freedesktop.gstreamer.Bin;

/** The project's Java elements by factory name: how to make one and what to show in {@code ./dff inspect}. */
public final class ElementRegistry {

    /** One element kind. */
    public record Factory(String name, String longName, String klass, String description, String caps,
            List<PropertySpec> properties, Function<String, Bin> create) {
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        register(new Factory(DffElement.FACTORY, "Deep Feature Flow detector", "Filter/Analyzer/Video",
                DffElement.DESCRIPTION, DffElement.CAPS, DffElement.PROPERTIES, DffElement::new));
        register(new Factory(DffJsonElement.FACTORY, "DFF detections to JSON lines", "Filter/Metadata",
                DffJsonElement.DESCRIPTION, "ANY", DffJsonElement.PROPERTIES, DffJsonElement::new));
        register(new Factory(DffPublishElement.FACTORY, "DFF detections to an MQTT broker", "Sink/Network",
                DffPublishElement.DESCRIPTION, "ANY", DffPublishElement.PROPERTIES, DffPublishElement::new));
        register(new Factory(DffOverlayElement.FACTORY, "DFF detection overlay", "Filter/Editor/Video",
                DffOverlayElement.DESCRIPTION, DffElement.CAPS, DffOverlayElement.PROPERTIES, DffOverlayElement::new));
        register(new Factory(ReconnectingSource.FACTORY, "Reconnecting camera source", "Source/Video",
                ReconnectingSource.DESCRIPTION, "video/x-raw", ReconnectingSource.PROPERTIES,
                ReconnectingSource::new));
    }

    private ElementRegistry() {
    }

    static void register(Factory f) {
        FACTORIES.put(f.name(), f);
    }

    public static Map<String, Factory> all() {
        return Map.copyOf(FACTORIES);
    }

    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static Factory get(String name) {
        return FACTORIES.get(name);
    }
}
