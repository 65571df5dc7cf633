package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.gstdff.model.imports.RealModels;
import org.gstdff.train.SyntheticPairsTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FlowCheckCommandTest {

    @Test
    void measuresTheDefaultFlowAgainstDisOnWalkers() throws Exception {
        LaunchCommandTest.Run r = LaunchCommandTest.main("flow-check", Path.of(".cache/media/vtest.avi")
                .toAbsolutePath().toString(), "--frames", "16", "--offsets", "5");
        assertEquals(0, r.code(), r.err());
        // offset, pairs, moving cells, DIS |f|, net |f|, along, recovered %, EPE, still |f|
        Matcher m = Pattern.compile(
                "(?m)^\\s+5\\s+(\\d+)\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+(-?[\\d.]+)\\s+(-?\\d+)%")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(2, Integer.parseInt(m.group(1)), "pairs (0, 5) and (10, 15)");
        assertTrue(Integer.parseInt(m.group(2)) > 100, "people walk: DIS sees moving cells");
        assertTrue(Double.parseDouble(m.group(3)) > 1, "moving cells move more than a feature pixel");
    }

    @Test
    void measuresAgainstTheExactFlowOfSyntheticPairs(@TempDir Path tmp) throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (int p = 0; p < 2; p++) {
            ImageIO.write(SyntheticPairsTest.noise(480, 360, p), "png", photos.resolve("noise" + p + ".png").toFile());
        }
        LaunchCommandTest.Run run = LaunchCommandTest.main("flow-check", "--synthetic", "3", "--photos",
                photos.toString(), "--model", RealModels.defaultSet().toString());
        assertEquals(0, run.code(), run.err());
        // moving cells, true |f|, net |f|, along, recovered %
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+(-?[\\d.]+)\\s+(-?\\d+)%")
                .matcher(run.out());
        assertTrue(m.find(), run.out());
        assertTrue(Integer.parseInt(m.group(1)) > 0, "pieces move by more than a cell");
        assertTrue(Double.parseDouble(m.group(2)) > 1, run.out());
    }

    @Test
    void aMissingVideoIsAUsageError() throws Exception {
        LaunchCommandTest.Run r = LaunchCommandTest.main("flow-check", "/nonexistent/clip.avi");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such video: /nonexistent/clip.avi"), r.err());
    }
}
