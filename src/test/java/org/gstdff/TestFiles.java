package org.gstdff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** File-tree helpers for tests that damage copies of model sets. */
public final class TestFiles {

    private TestFiles() {
    }

    public static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    public static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path q : s.toList()) {
                Files.copy(q, to.resolve(from.relativize(q).toString()));
            }
        }
    }
}
