package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The README's property tables say what the property specs say (types, ranges, defaults, mutability). */
class ReadmePropertiesTest {

    /** README rows "| `name` | type | default | ..." by property name, for one element's table. */
    private static Map<String, String[]> table(String readme, String heading) {
        int at = readme.indexOf(heading);
        assertTrue(at >= 0, "README has a section " + heading);
        Map<String, String[]> rows = new HashMap<>();
        boolean inTable = false;
        for (String line : readme.substring(at).lines().toList()) {
            if (line.startsWith("| `")) {
                inTable = true;
                String[] cells = line.split(" \\| ");
                rows.put(cells[0].substring(3, cells[0].length() - 1), cells);
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    private static String type(PropertySpec p) {
        return switch (p.type()) {
            case INT -> "int " + (long) p.min() + ".." + (long) p.max();
            case DOUBLE -> "double " + num(p.min()) + ".." + num(p.max());
            case ENUM -> p.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
            case BOOLEAN -> "boolean";
            default -> "string";
        };
    }

    private static String num(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static void check(String readme, String heading, List<PropertySpec> specs, boolean mutableColumn) {
        Map<String, String[]> rows = table(readme, heading);
        assertEquals(specs.stream().map(PropertySpec::name).sorted().toList(), rows.keySet().stream().sorted()
                .toList(), heading + ": one row per property, no stale rows");
        for (PropertySpec p : specs) {
            String[] row = rows.get(p.name());
            assertNotNull(row, p.name());
            assertEquals(type(p), row[1], heading + " " + p.name() + ": type");
            if (p.defaultValue() != null && !p.name().equals("model")) {
                String def = p.defaultValue() instanceof Double d ? num(d) : p.defaultValue().toString();
                assertTrue(row[2].equals(def) || row[2].equals("`" + def + "`"), heading + " " + p.name()
                        + ": default " + def + ", README " + row[2]);
            }
            if (mutableColumn) {
                assertEquals(p.mutableInPlaying() ? "yes" : "no", row[3], heading + " " + p.name() + ": mutable");
            }
        }
    }

    @Test
    void tablesMatchTheSpecs() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        check(readme, "### `dff` properties", DffElement.PROPERTIES, true);
        check(readme, "### Cameras: `dffsrc location=URI`", ReconnectingSource.PROPERTIES, false);
        check(readme, "### Detections to a message broker", DffPublishElement.PROPERTIES, false);
        for (PropertySpec p : DffJsonElement.PROPERTIES) {
            assertTrue(readme.contains("`" + p.name()), "dffjson's " + p.name() + " in the README");
        }
        for (PropertySpec p : DffOverlayElement.PROPERTIES) {
            assertTrue(readme.contains("`" + p.name()), "dffoverlay's " + p.name() + " in the README");
        }
    }
}
