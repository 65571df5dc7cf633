package org.gstdff.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.io.PrintStream;

import org.gstdff.gst.ElementRegistry;
import org.gstdff.gst.PropertySpec;

/** {@code dff inspect [ELEMENT]}: the project's elements, described the way gst-inspect-1.0 describes elements. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Describe the project's elements the way gst-inspect-1.0 does; without ELEMENT, list them.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ELEMENT", description = "dff, dffjson, dffoverlay or dffsrc")
    String element;

    @Override
    public Integer call() {
        if (element == null) {
            for (ElementRegistry.Factory f : ElementRegistry.all().values()) {
                System.out.printf("gst-dff:  %s: %s%n", f.name(), f.longName());
            }
            return 0;
        }
        ElementRegistry.Factory f = ElementRegistry.get(element);
        if (f == null) {
            System.err.println("No such element or plugin '" + element + "' (elements: "
                    + String.join(", ", ElementRegistry.names()) + ")");
            return 1;
        }
        print(f, System.out);
        return 0;
    }

    static void print(ElementRegistry.Factory f, PrintStream out) {
        out.println("Factory Details:");
        out.printf("  %-17s%s%n", "Long-name", f.longName());
        out.printf("  %-17s%s%n", "Klass", f.klass());
        out.printf("  %-17s%s%n", "Description", f.description());
        out.println();
        out.println("Pad Templates:");
        // a source (klass Source/...) has no sink pad
        String[] pads = f.klass().startsWith("Source") ? new String[] {"SRC"} : new String[] {"SINK", "SRC"};
        for (String dir : pads) {
            out.printf("  %s template: '%s'%n", dir, dir.toLowerCase());
            out.println("    Availability: Always");
            out.println("    Capabilities:");
            String[] parts = f.caps().split(", ", 2);
            out.println("      " + parts[0]);
            if (parts.length > 1) {
                for (String field : parts[1].split(", (?=[a-z-]+=)")) {
                    out.println("        " + field.replace("=", ": ").replace("(string)", ""));
                }
            }
            out.println();
        }
        out.println("Element Properties:");
        for (PropertySpec p : f.properties()) {
            out.printf("  %-20s: %s%n", p.name(), p.blurb());
            out.printf("  %-20s  flags: readable, writable%s%n", "",
                    p.mutableInPlaying() ? ", changeable in PLAYING state" : ", changeable only in NULL or READY state");
            out.printf("  %-20s  %s%n", "", p.inspectType());
            out.println();
        }
    }
}
