package org.gstdff.gst;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.gstdff.core.Redaction;

/**
 * A camera's user name and password, from (last one wins) the location's user information, the {@code user-id} /
 * {@code user-pw} properties, or {@code credentials}: {@code env:NAME} (an environment variable holding
 * {@code user:password}) or the path of a file holding it that only its owner may read. Every password is registered
 * with {@link Redaction} so it is masked wherever it might be printed.
 */
record Credentials(String user, String password) {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    /** The credentials to use, or null when none are given anywhere. */
    static Credentials resolve(String element, URI location, String userId, String userPw, String from) {
        String user = null;
        String password = null;
        String info = location.getUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            password = colon < 0 ? null : info.substring(colon + 1);
        }
        if (userId != null) {
            user = userId;
        }
        if (userPw != null) {
            password = userPw;
        }
        if (from != null) {
            String pair = read(element, from);
            int colon = pair.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(element + ": credentials from " + from + " must be 'user:password' "
                        + "on one line");
            }
            user = pair.substring(0, colon);
            password = pair.substring(colon + 1);
        }
        Redaction.secret(password);
        return user == null && password == null ? null : new Credentials(user, password);
    }

    private static String read(String element, String from) {
        if (from.startsWith("env:")) {
            String name = from.substring(4);
            String v = System.getenv(name);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(element + ": property 'credentials': environment variable " + name
                        + " is not set");
            }
            return v.strip();
        }
        Path p = Path.of(from);
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            Set<PosixFilePermission> open = EnumSet.copyOf(OTHERS);
            open.retainAll(perms);
            if (!open.isEmpty()) {
                throw new IllegalArgumentException(element + ": property 'credentials': " + p + " may be read by "
                        + "others (" + java.nio.file.attribute.PosixFilePermissions.toString(perms) + "); make it "
                        + "readable by its owner only: chmod 600 " + p);
            }
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(element + ": property 'credentials': no such file " + p, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(element + ": property 'credentials': cannot read " + p + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}
