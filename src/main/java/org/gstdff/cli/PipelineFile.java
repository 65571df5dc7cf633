package org.gstdff.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipeline description kept in a file ({@code pipelines/*.pipeline}): lines starting with {@code #} are comments,
 * the rest is joined with spaces, and {@code ${NAME}} placeholders are replaced by the values given.
 */
final class PipelineFile {

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private PipelineFile() {
    }

    static String read(Path file, Map<String, String> values) throws IOException, Main.UsageException {
        if (!Files.isRegularFile(file)) {
            throw new Main.UsageException("pipeline file " + file + " not found");
        }
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                sb.append(sb.length() == 0 ? "" : " ").append(t);
            }
        }
        return substitute(sb.toString(), values, file.toString());
    }

    static String substitute(String text, Map<String, String> values, String where) throws Main.UsageException {
        TreeSet<String> missing = new TreeSet<>();
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                missing.add(m.group(1));
                v = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        if (!missing.isEmpty()) {
            throw new Main.UsageException(where + " needs " + String.join(", ", missing) + ": pass "
                    + String.join(" ", missing.stream().map(n -> n + "=...").toList()));
        }
        return out.toString();
    }
}
