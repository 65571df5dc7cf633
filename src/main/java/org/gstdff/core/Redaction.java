package org.gstdff.core;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps camera credentials out of everything the project prints or publishes: logs, bus messages, summaries,
 * errors. A URI's password becomes {@code ***} ({@code rtsp://admin:***@host/...}, the user name stays: it helps
 * tell cameras apart and is not the secret), and passwords given to an element as properties are registered here
 * and blanked wherever they appear. Every place that formats a location goes through {@link #uri} or {@link #text}.
 */
public final class Redaction {

    /** scheme://user:password@ in any text; the password ends at the last '@' before the host. */
    private static final Pattern USERINFO = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*://)([^/@\\s:\"']*):([^/\\s\"']*)@");
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final String MASK = "***";

    private Redaction() {
    }

    /** A location with its password masked; text that is not a URI with a password comes back as it is. */
    public static String uri(String location) {
        return location == null ? null : text(location);
    }

    /** The text with every URI password and every registered secret masked. */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = USERINFO.matcher(s);
        String out = m.find() ? m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + ":" + MASK + "@"))
                : s;
        for (String secret : SECRETS) {
            out = out.replace(secret, MASK);
        }
        return out;
    }

    /**
     * Registers a secret (a password from a property, a file or the environment) so that {@link #text} masks it
     * wherever it turns up, e.g. inside a library's error message. Values shorter than 3 characters are masked only
     * inside URIs (as single characters they would blank ordinary text).
     */
    public static void secret(String value) {
        if (value != null && value.length() >= 3) {
            SECRETS.add(value);
        }
    }

    /** The location without its user information (given to the camera source as properties instead). */
    public static String withoutUserInfo(URI u) {
        if (u.getRawUserInfo() == null) {
            return u.toString();
        }
        String s = u.toString();
        return s.replaceFirst(Pattern.quote(u.getRawUserInfo()) + "@", "");
    }
}
