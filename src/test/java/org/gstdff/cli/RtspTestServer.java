package org.gstdff.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The loopback RTSP server of src/test/python/rtsp_server.py (Debian's gst-rtsp-server through python3-gi), on a
 * free port of 127.0.0.1; stopped by its PID on close.
 */
final class RtspTestServer implements AutoCloseable {

    private final Process process;
    private final int port;

    RtspTestServer(Path file) throws IOException, InterruptedException {
        this(file, freePort());
    }

    /** A server on a given port, e.g. to bring a stopped camera back where it was. */
    RtspTestServer(Path file, int port) throws IOException, InterruptedException {
        this(file, port, null, null);
    }

    /** A server that requires RTSP basic authentication as {@code user} / {@code password} (null: none). */
    RtspTestServer(Path file, int port, String user, String password) throws IOException, InterruptedException {
        this.port = port;
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "src/test/python/rtsp_server.py", "--port",
                Integer.toString(port)));
        if (file != null) {
            cmd.addAll(List.of("--file", file.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (user != null) {
            cmd.addAll(List.of("--user", user));
            pb.command(cmd).environment().put("RTSP_TEST_PASSWORD", password);
        }
        process = pb.start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("ready")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.complete(false);
        }, "rtsp-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("RTSP test server exited before listening");
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            close();
            throw new IllegalStateException("RTSP test server did not start: " + e, e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "rtsp://127.0.0.1:" + port + "/test";
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: the server quits its main loop
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
