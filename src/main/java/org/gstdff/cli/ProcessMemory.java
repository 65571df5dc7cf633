package org.gstdff.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory, from /proc/self/status (Linux); -1 where it cannot be read. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Resident memory now (kB). */
    static long rssKb() {
        return statusKb("VmRSS:");
    }

    /** The highest resident memory of this process so far (kB). */
    static long peakRssKb() {
        return statusKb("VmHWM:");
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
