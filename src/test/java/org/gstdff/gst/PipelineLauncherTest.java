package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PipelineLauncherTest {

    private static final String WARNING = "Delayed linking failed. (gst/parse/grammar.y(853): gst_parse_no_more_pads ()"
            + ": /GstPipeline:pipeline0/GstDecodeBin:decodebin0: failed delayed linking some pad of GstDecodeBin named "
            + "decodebin0 to some pad of GstIdentity named dff0-placeholder)";

    @Test
    void theDelayedLinksTargetIsFoundInGStreamersWarning() {
        assertTrue(PipelineLauncher.delayedLinkFailedTo(WARNING, "dff0-placeholder"));
        assertTrue(PipelineLauncher.delayedLinkFailedTo("failed delayed linking pad src_0 of GstDecodeBin named d to "
                + "pad sink of GstIdentity named dff0-placeholder", "dff0-placeholder"));
    }

    @Test
    void otherElementsAndTheLinksSourceAreNotTheTarget() {
        assertFalse(PipelineLauncher.delayedLinkFailedTo(WARNING, "dff1-placeholder"));
        assertFalse(PipelineLauncher.delayedLinkFailedTo(WARNING, "dff0-placeholde"), "a prefix of the name");
        assertFalse(PipelineLauncher.delayedLinkFailedTo(WARNING.replace("dff0-placeholder", "dff01-placeholder"),
                "dff0-placeholder"));
        assertFalse(PipelineLauncher.delayedLinkFailedTo(WARNING, "decodebin0"), "the source side");
        assertFalse(PipelineLauncher.delayedLinkFailedTo("some other warning named dff0-placeholder",
                "dff0-placeholder"));
    }
}
