package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.gstdff.core.FileTrees;
import org.gstdff.gst.ClipReader;
import org.gstdff.gst.PipelineLauncher;
import org.gstdff.model.imports.RealModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * gst-dff as a library of another Maven project: the library is installed into the local Maven repository (what
 * ./dff install-lib does), examples/maven-app is built offline against it and run, outside the checkout, on a
 * short clip made here: with its default model set found where ./dff install-models puts it, with a set named
 * explicitly, and with none installed.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class MavenAppTest {

    @TempDir
    Path tmp;

    record Result(int code, String output) {
    }

    /** A command in {@code dir} with the environment minus the checkout's name (an application knows nothing of it). */
    static Result exec(Path dir, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("DFF_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "ended: " + String.join(" ", cmd));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void anApplicationBuildsAgainstTheInstalledLibraryAndRuns() throws Exception {
        Path checkout = Path.of("").toAbsolutePath();
        // the library, built beside this test run's own build
        Result lib = exec(checkout, Map.of(), "mvn", "-B", "-q", "install", "-DskipTests", "-Dgstdff.target=target/lib-build");
        assertEquals(0, lib.code(), lib.output());
        Path repo = Path.of(System.getProperty("user.home"), ".m2/repository/org/gstdff/gst-dff/0.1.0-SNAPSHOT");
        for (String suffix : List.of("", "-sources", "-javadoc")) {
            assertTrue(Files.isRegularFile(repo.resolve("gst-dff-0.1.0-SNAPSHOT" + suffix + ".jar")), suffix);
        }
        try (ZipFile jar = new ZipFile(repo.resolve("gst-dff-0.1.0-SNAPSHOT.jar").toFile())) {
            assertTrue(jar.getEntry("org/gstdff/gst/DffElement.class") != null);
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/gstdff/examples/")),
                    "the examples are not part of the library");
        }
        // the application, a project of its own, copied out of the checkout and built offline
        Path app = tmp.resolve("app");
        FileTrees.copy(checkout.resolve("examples/maven-app"), app);
        Result build = exec(app, Map.of(), "mvn", "-B", "-q", "-o", "package", "dependency:build-classpath",
                "-Dmdep.outputFile=cp.txt");
        assertEquals(0, build.code(), build.output());
        String cp = app.resolve("target/people-counter-1.0.jar") + ":" + Files.readString(app.resolve("cp.txt"))
                .strip();
        assertTrue(cp.contains("gst-dff-0.1.0-SNAPSHOT.jar") && cp.contains("jna-5.13.0.jar") && !cp.contains("junit-jupiter")
                && !cp.contains("jmh-core"), "the library, pinned JNA, no test or benchmark libraries: " + cp);
        // a clip of vtest's first 12 frames, exactly: cut with identity eos-after=12 its last frame was a later one
        // (GStreamer 1.22, cli.VideoSource), which the encoder kept or not from run to run
        Path clip = tmp.resolve("clip.mp4");
        Path raw = tmp.resolve("clip.rgb");
        List<byte[]> first = ClipReader.read(RealModels.vtest(), 768, 576, 1, 12);
        assertEquals(12, first.size());
        try (OutputStream o = Files.newOutputStream(raw)) {
            for (byte[] f : first) {
                o.write(f);
            }
        }
        try (PipelineLauncher l = PipelineLauncher.build("filesrc location=" + raw + " blocksize=" + 768 * 576 * 3
                + " ! rawvideoparse width=768 height=576 format=rgb framerate=10/1 ! videoconvert ! "
                + "x264enc tune=zerolatency ! mp4mux ! filesink location=" + clip)) {
            assertEquals(PipelineLauncher.Outcome.EOS, l.run(60_000, null), l.error());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // no model set installed: the error says how to get one
        Path emptyCache = tmp.resolve("empty-cache");
        Result none = exec(tmp, Map.of("XDG_CACHE_HOME", emptyCache.toString()), java, "-cp", cp,
                "com.example.PeopleCounter", clip.toString());
        assertEquals(1, none.code(), none.output());
        assertTrue(none.output().contains("none installed at " + emptyCache.resolve("gst-dff/models/default"))
                && none.output().contains("./dff install-models"), none.output());
        // the default set where ./dff install-models puts it
        Path cache = tmp.resolve("cache");
        FileTrees.copy(RealModels.defaultSet(), cache.resolve("gst-dff/models/default"));
        Result run = exec(tmp, Map.of("XDG_CACHE_HOME", cache.toString()), java, "-cp", cp,
                "com.example.PeopleCounter", clip.toString());
        assertEquals(0, run.code(), run.output());
        List<String> frames = new ArrayList<>();
        run.output().lines().filter(s -> s.matches("\\d+\\.\\d{3} s (key|\\+\\d+) \\d+ people.*")).forEach(frames::add);
        assertEquals(12, frames.size(), run.output());
        assertTrue(frames.get(0).contains(" key ") && frames.get(1).contains(" +1 "), run.output());
        assertTrue(frames.stream().allMatch(f -> !f.contains(" 0 people")), "vtest shows people: " + run.output());
        assertTrue(run.output().contains("person:0."), run.output());
        // and a set named explicitly, the current directory anywhere
        Result named = exec(emptyCache.getParent(), Map.of("XDG_CACHE_HOME", emptyCache.toString()), java, "-cp", cp,
                "com.example.PeopleCounter", clip.toString(), RealModels.defaultSet().toString());
        assertEquals(0, named.code(), named.output());
        assertFalse(named.output().contains("none installed"), named.output());
    }
}
