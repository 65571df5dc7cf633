package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LaunchDescriptionTest {

    static final Set<String> OURS = Set.of("dff", "dffjson");

    @Test
    void replacesElementsAndKeepsEverythingElse() {
        LaunchDescription d = LaunchDescription.parse(
                "filesrc location=\"my dff.avi\" ! decodebin ! videoconvert ! dff key-interval=10 mode=hold ! "
                        + "dffjson location=out.jsonl ! fakesink", OURS);
        assertEquals("filesrc location=\"my dff.avi\" ! decodebin ! videoconvert ! identity name=dff0-placeholder "
                + "silent=true ! identity name=dffjson0-placeholder silent=true ! fakesink", d.gstDescription());
        assertEquals(List.of(new LaunchDescription.Custom("dff", "dff0", Map.of("key-interval", "10", "mode", "hold")),
                new LaunchDescription.Custom("dffjson", "dffjson0", Map.of("location", "out.jsonl"))), d.customs());
    }

    @Test
    void namesTeesAndAdjacentLinks() {
        LaunchDescription d = LaunchDescription.parse("videotestsrc ! tee name=t t. ! queue ! dff name=a!fakesink "
                + "t. ! queue ! dff model='/x y/z' ! fakesink", OURS);
        assertEquals("videotestsrc ! tee name=t t. ! queue ! identity name=a-placeholder silent=true!fakesink "
                + "t. ! queue ! identity name=dff0-placeholder silent=true ! fakesink", d.gstDescription());
        assertEquals("a", d.customs().get(0).name());
        assertEquals("/x y/z", d.customs().get(1).properties().get("model"));
    }

    @Test
    void leavesValuesThatMerelyLookLikeOurElements() {
        LaunchDescription d = LaunchDescription.parse("filesrc location=dff ! fakesink name = dff", OURS);
        assertEquals("filesrc location=dff ! fakesink name = dff", d.gstDescription());
        assertEquals(List.of(), d.customs());
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LaunchDescription.parse("filesrc location=\"x ! dff", OURS));
    }
}
