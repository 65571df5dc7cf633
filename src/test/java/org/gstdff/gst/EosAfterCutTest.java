package org.gstdff.gst;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EosAfterCutTest {

    @Test
    void passesTheFirstNBuffersAndDropsEveryOneAfter() {
        RawProbe.Handler h = EosAfterCut.passFirst(3);
        for (int i = 0; i < 3; i++) {
            assertEquals(RawProbe.OK, h.probe(RawProbe.BUFFER, null), "buffer " + i);
        }
        for (int i = 3; i < 50; i++) {
            assertEquals(RawProbe.DROP, h.probe(RawProbe.BUFFER, null), "buffer " + i);
        }
        assertEquals(RawProbe.DROP, EosAfterCut.passFirst(0).probe(RawProbe.BUFFER, null), "eos-after=1: none");
    }
}
