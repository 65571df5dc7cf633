package org.gstdff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FlowAgreementTest {

    @Test
    void halfTheMotionIsHalfRecoveredAndStillCellsAreApart() {
        // cells: (4, 0) moving, (0, 3) moving, (0.1, 0) still, (0.5, 0) neither
        float[] reference = {4, 0, 0, 3, 0.1f, 0, 0.5f, 0};
        float[] flow = {2, 0, 0, 1.5f, 1, 0, 9, 9};
        FlowAgreement a = new FlowAgreement(1, 0.2);
        a.add(flow, reference);
        FlowAgreement.Summary s = a.summary();
        assertEquals(2, s.movingCells());
        assertEquals(3.5, s.referenceMagnitude(), 1e-9);
        assertEquals(1.75, s.magnitude(), 1e-9);
        assertEquals(1.75, s.along(), 1e-9);
        assertEquals(0.5, s.recovered(), 1e-9);
        assertEquals(1.75, s.epe(), 1e-9);
        assertEquals(1, s.stillCells());
        assertEquals(1, s.stillMagnitude(), 1e-9);
    }

    @Test
    void motionAcrossTheReferenceIsNotRecovered() {
        FlowAgreement a = new FlowAgreement(1, 0.2);
        a.add(new float[] {0, 2}, new float[] {2, 0});
        assertEquals(0, a.summary().along(), 1e-9);
        assertEquals(Math.sqrt(8), a.summary().epe(), 1e-9);
    }

    @Test
    void rejectsMismatchedFields() {
        assertThrows(IllegalArgumentException.class, () -> new FlowAgreement(1, 0.2).add(new float[4],
                new float[6]));
    }
}
