package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksThePasswordOfAUriAndKeepsTheRest() {
        assertEquals("rtsp://admin:***@127.0.0.1:9/stream", Redaction.uri("rtsp://admin:s3cret@127.0.0.1:9/stream"));
        assertEquals("rtsp://127.0.0.1:9/stream", Redaction.uri("rtsp://127.0.0.1:9/stream"));
        assertEquals("rtsp://admin@host/x", Redaction.uri("rtsp://admin@host/x"), "a user name alone is no secret");
        assertEquals("file:///tmp/a.avi", Redaction.uri("file:///tmp/a.avi"));
    }

    @Test
    void masksEveryUriInAMessageIncludingPasswordsWithAt() {
        String msg = "Could not open resource for reading (location: rtsp://admin:p@ss:w0rd@10.0.0.5:554/live) "
                + "and http://u:x@cam/mjpeg";
        String out = Redaction.text(msg);
        assertEquals("Could not open resource for reading (location: rtsp://admin:***@10.0.0.5:554/live) "
                + "and http://u:***@cam/mjpeg", out);
    }

    @Test
    void masksRegisteredSecretsAnywhere() {
        Redaction.secret("hunter2-camera-7");
        assertEquals("auth failed for *** at cam", Redaction.text("auth failed for hunter2-camera-7 at cam"));
        Redaction.secret("ab");
        assertEquals("about", Redaction.text("about"), "too short to mask outside URIs");
    }

    @Test
    void dropsUserInfoFromALocation() throws Exception {
        URI u = new URI("rtsp://admin:s%40cret@127.0.0.1:8554/cam?x=1");
        assertEquals("rtsp://127.0.0.1:8554/cam?x=1", Redaction.withoutUserInfo(u));
        assertEquals("admin:s@cret", u.getUserInfo());
        assertFalse(Redaction.withoutUserInfo(new URI("rtsp://h/p")).contains("@"));
    }
}
