package org.gstdff.model.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gstdff.model.ModelSetException;

/**
 * Reads a TF Object Detection API label map ({@code item { id: 1 display_name: "person" }}) into a list indexed by
 * class id; ids the map skips become {@code class_N}, id 0 is {@code background}.
 */
final class LabelMap {

    private static final Pattern ITEM = Pattern.compile("item\\s*\\{([^}]*)}");
    private static final Pattern ID = Pattern.compile("\\bid\\s*:\\s*(\\d+)");
    private static final Pattern NAME = Pattern.compile("display_name\\s*:\\s*\"([^\"]*)\"");

    private LabelMap() {
    }

    static List<String> read(Path pbtxt) {
        String text;
        try {
            text = Files.readString(pbtxt);
        } catch (IOException e) {
            throw new ModelSetException("cannot read label map " + pbtxt + ": " + e.getMessage(), e);
        }
        Map<Integer, String> byId = new TreeMap<>();
        Matcher m = ITEM.matcher(text);
        while (m.find()) {
            Matcher id = ID.matcher(m.group(1));
            Matcher name = NAME.matcher(m.group(1));
            if (id.find() && name.find()) {
                byId.put(Integer.parseInt(id.group(1)), name.group(1));
            }
        }
        if (byId.isEmpty()) {
            throw new ModelSetException(pbtxt + ": no 'item { id: N display_name: \"...\" }' entries");
        }
        int max = ((TreeMap<Integer, String>) byId).lastKey();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            labels.add(byId.getOrDefault(i, i == 0 ? "background" : "class_" + i));
        }
        return labels;
    }
}
