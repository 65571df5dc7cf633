package org.gstdff.gst;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A gst-launch-1.0 description in which the project's Java elements ({@code dff}, {@code dffjson}, ...) may
 * stand anywhere. GStreamer's parser cannot create them, so each is replaced by an {@code identity} placeholder
 * carrying its name; after parsing, the launcher links the Java element in right after the placeholder. The
 * rest of the text is left exactly as written, so every gst-launch feature (caps, tee branches, bins, pad
 * references) keeps working.
 */
public final class LaunchDescription {

    /** One Java element found in the description. */
    public record Custom(String factory, String name, Map<String, String> properties) {
    }

    private final String gstDescription;
    private final List<Custom> customs;

    private LaunchDescription(String gstDescription, List<Custom> customs) {
        this.gstDescription = gstDescription;
        this.customs = List.copyOf(customs);
    }

    /** The description with placeholders, for GStreamer's parser. */
    public String gstDescription() {
        return gstDescription;
    }

    public List<Custom> customs() {
        return customs;
    }

    /** The placeholder's name for a custom element named {@code name}. */
    public static String placeholderName(String name) {
        return name + "-placeholder";
    }

    private record Token(String text, int start, int end, boolean quoted) {
    }

    /**
     * @param factories the custom element names to look for
     * @throws IllegalArgumentException for an unterminated quote or a property without a value
     */
    public static LaunchDescription parse(String description, Set<String> factories) {
        List<Token> tokens = tokenize(description);
        StringBuilder out = new StringBuilder();
        List<Custom> customs = new ArrayList<>();
        Map<String, Integer> counters = new LinkedHashMap<>();
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.quoted() || !factories.contains(t.text()) || !atElementPosition(tokens, i)) {
                continue;
            }
            Map<String, String> props = new LinkedHashMap<>();
            int end = t.end();
            int j = i + 1;
            for (; j < tokens.size(); j++) {
                Token p = tokens.get(j);
                int eq = p.text().indexOf('=');
                if (p.quoted() || eq <= 0 || isLink(p)) {
                    break;
                }
                String key = p.text().substring(0, eq).trim();
                String value = unquote(p.text().substring(eq + 1));
                props.put(key, value);
                end = p.end();
            }
            String name = props.remove("name");
            if (name == null) {
                int n = counters.merge(t.text(), 1, Integer::sum) - 1;
                name = t.text() + n;
            }
            customs.add(new Custom(t.text(), name, props));
            out.append(description, copied, t.start());
            out.append("identity name=").append(placeholderName(name)).append(" silent=true");
            copied = end;
            i = j - 1;
        }
        out.append(description.substring(copied));
        return new LaunchDescription(out.toString(), customs);
    }

    private static boolean isLink(Token t) {
        return t.text().equals("!");
    }

    /** A bare factory name is an element unless it is the value of a spaced-out {@code key = value}. */
    private static boolean atElementPosition(List<Token> tokens, int i) {
        boolean afterEquals = i > 0 && tokens.get(i - 1).text().endsWith("=");
        boolean beforeEquals = i + 1 < tokens.size() && tokens.get(i + 1).text().startsWith("=");
        return !afterEquals && !beforeEquals;
    }

    private static String unquote(String v) {
        String s = v.trim();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\'", "'");
        }
        return s;
    }

    /** Splits on whitespace, "!", "(" and ")" outside quotes; quotes stay in the token text. */
    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '!' || c == '(' || c == ')') {
                tokens.add(new Token(String.valueOf(c), i, i + 1, false));
                i++;
                continue;
            }
            int start = i;
            boolean quotedWhole = c == '"' || c == '\'';
            while (i < n) {
                char d = s.charAt(i);
                if (d == '"' || d == '\'') {
                    int close = i + 1;
                    while (close < n && (s.charAt(close) != d || s.charAt(close - 1) == '\\')) {
                        close++;
                    }
                    if (close >= n) {
                        throw new IllegalArgumentException("unterminated quote at offset " + i + " in: " + s);
                    }
                    i = close + 1;
                    continue;
                }
                if (Character.isWhitespace(d) || d == '!' || d == '(' || d == ')') {
                    break;
                }
                i++;
            }
            tokens.add(new Token(s.substring(start, i), start, i, quotedWhole));
        }
        return tokens;
    }
}
