package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlowCheckCommandTest {

    @Test
    void measuresTheDefaultFlowAgainstDisOnWalkers() throws Exception {
        LaunchCommandTest.Run r = LaunchCommandTest.main("flow-check", Path.of(".cache/media/vtest.avi")
                .toAbsolutePath().toString(), "--frames", "16", "--offsets", "5");
        assertEquals(0, r.code(), r.err());
        // offset, pairs, moving cells, DIS |f|, net |f|, along, recovered %, EPE, still |f|
        Matcher m = Pattern.compile("(?m)^\\s+5\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+(-?[\\d.]+)\\s+(-?\\d+)%")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(2, Integer.parseInt(m.group(1)), "pairs (0, 5) and (10, 15)");
        assertTrue(Integer.parseInt(m.group(2)) > 100, "people walk: DIS sees moving cells");
        assertTrue(Double.parseDouble(m.group(3)) > 1, "moving cells move more than a feature pixel");
    }

    @Test
    void aMissingVideoIsAUsageError() throws Exception {
        LaunchCommandTest.Run r = LaunchCommandTest.main("flow-check", "/nonexistent/clip.avi");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such video: /nonexistent/clip.avi"), r.err());
    }
}
