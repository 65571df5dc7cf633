package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.message.Message;
import org.gstdff.TestModels;
import org.gstdff.gst.PipelineLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camera passwords never leave the process: a loopback RTSP server that requires basic authentication, reached with
 * the password in the URL, in a credentials file and wrong, and an unreachable camera, through the real command
 * line (a separate JVM: everything it prints, logs included) and through the Java API (every bus message); the
 * password appears in no output, file or message.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CredentialsRedactionTest {

    static final String USER = "admin";
    static final String SECRET = "Tr0ub4dor-camera-pw";
    static final String WRONG = "wrong-Secret-9174";

    @TempDir
    static Path tmp;
    static RtspTestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RtspTestServer(null, RtspTestServer.freePort(), USER, SECRET);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Cli(int code, String output) {
    }

    /** ./dff's Java command line in a JVM of its own, stdout and stderr together. */
    static Cli cli(String... args) throws IOException, InterruptedException {
        String cp = "target/classes:" + Files.readString(Path.of("target/classpath.txt")).strip()
                + ":/usr/share/java/opencv.jar";
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", cp, "org.gstdff.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ended");
        return new Cli(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static void assertNoSecret(String where, String text) {
        assertFalse(text.contains(SECRET), where + " shows the password:\n" + text);
        assertFalse(text.contains(WRONG), where + " shows the (wrong) password:\n" + text);
    }

    String pipeline(String source, Path json) {
        return source + " ! videoconvert ! dff model=\"" + TestModels.tiny() + "\" key-interval=5 ! dffjson location="
                + json + " ! fakesink sync=false";
    }

    @Test
    void passwordInTheLocationWorksAndIsNeverPrinted() throws Exception {
        Path json = tmp.resolve("url.jsonl");
        String loc = "rtsp://" + USER + ":" + SECRET + "@127.0.0.1:" + server.port() + "/test";
        Cli c = cli("launch", "-v", "--duration", "3", pipeline("dffsrc name=cam location=" + loc, json));
        assertEquals(0, c.code(), c.output());
        assertTrue(c.output().matches("(?s).*cam: [1-9][0-9]* frames from rtsp://admin:\\*\\*\\*@127\\.0\\.0\\.1.*"),
                "frames came through the authenticated camera, and the summary masks the password:\n" + c.output());
        assertNoSecret("the command's output", c.output());
        assertTrue(Files.size(json) > 0);
        assertNoSecret("the JSON lines", Files.readString(json));
    }

    @Test
    void credentialsFromAFileOnlyTheOwnerReads() throws Exception {
        Path cred = tmp.resolve("cam.cred");
        Files.writeString(cred, USER + ":" + SECRET + "\n");
        Files.setPosixFilePermissions(cred, PosixFilePermissions.fromString("rw-r--r--"));
        Path json = tmp.resolve("file.jsonl");
        String src = "dffsrc name=cam location=rtsp://127.0.0.1:" + server.port() + "/test credentials=" + cred;
        Cli open = cli("launch", "--duration", "2", pipeline(src, json));
        assertEquals(2, open.code(), open.output());
        assertTrue(open.output().contains(cred + " may be read by others") && open.output().contains("chmod 600"),
                open.output());
        Files.setPosixFilePermissions(cred, PosixFilePermissions.fromString("rw-------"));
        Cli c = cli("launch", "--duration", "3", pipeline(src, json));
        assertEquals(0, c.code(), c.output());
        assertTrue(c.output().matches("(?s).*cam: [1-9][0-9]* frames from rtsp://127\\.0\\.0\\.1.*"), c.output());
        assertNoSecret("the command's output", c.output() + open.output());
    }

    @Test
    void failuresNameTheCameraButNotThePassword() throws Exception {
        // a wrong password: the camera refuses, the element gives up after its retries
        String wrong = "rtsp://" + USER + ":" + WRONG + "@127.0.0.1:" + server.port() + "/test";
        Cli refused = cli("launch", pipeline("dffsrc location=" + wrong + " max-retries=0 timeout=2", tmp.resolve(
                "w.jsonl")));
        assertEquals(1, refused.code(), refused.output());
        assertTrue(refused.output().contains("rtsp://admin:***@127.0.0.1:" + server.port()), refused.output());
        // nobody there, the password in the URL, through plain rtspsrc (the launcher names its location)
        int nobody = RtspTestServer.freePort();
        Cli absent = cli("launch", "rtspsrc location=rtsp://" + USER + ":" + SECRET + "@127.0.0.1:" + nobody
                + "/x ! fakesink");
        assertEquals(1, absent.code(), absent.output());
        assertTrue(absent.output().contains("(location: rtsp://admin:***@127.0.0.1:" + nobody), absent.output());
        // and a description that does not parse
        Cli bad = cli("launch", "dffsrc location=rtsp://" + USER + ":" + SECRET + "@127.0.0.1:1/x ! nosuchelement");
        assertEquals(2, bad.code(), bad.output());
        assertNoSecret("the outputs", refused.output() + absent.output() + bad.output());
    }

    /** Through the Java API: the element's bus messages (stats, reconnections, errors) and its summary. */
    @Test
    void noBusMessageCarriesThePassword() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        String desc = "dffsrc name=cam location=rtsp://" + USER + ":" + SECRET + "@127.0.0.1:" + server.port()
                + "/test user-pw=" + SECRET + " ! videoconvert ! dff model=\"" + TestModels.tiny()
                + "\" stats-interval=0.2 ! fakesink sync=false";
        try (PipelineLauncher l = PipelineLauncher.build(desc)) {
            l.pipeline().getBus().connect((Bus.MESSAGE) (bus, m) -> messages.add(describe(m)));
            l.play();
            Thread.sleep(2500);
            l.sendEos();
            assertEquals(PipelineLauncher.Outcome.EOS, l.await(15_000), String.valueOf(l.error()));
            String summary = l.elements().get("cam").summary();
            assertTrue(summary.contains("rtsp://admin:***@"), summary);
            assertNoSecret("the summary", summary);
        }
        assertTrue(messages.stream().anyMatch(m -> m.contains("dff-stats")), "stats were posted: " + messages);
        assertNoSecret("the bus messages", String.join("\n", messages));
    }

    private static String describe(Message m) {
        var s = m.getStructure();
        return m.getType() + " " + (s == null ? "" : s.toString());
    }
}
