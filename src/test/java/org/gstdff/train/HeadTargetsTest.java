package org.gstdff.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the task term keeps of a head map: objectness and boxes, 0 meaning "nothing there". */
class HeadTargetsTest {

    @Test
    void keepsTheLargestClassProbabilityAndTheBoxesLessTheirOutsideValue() {
        // 2 cells, 3 classes, boxes at channel 3 (7 channels: one spare after the boxes)
        float[] map = {
            -2f, 1f, 0f, 5f, 6f, 7f, 8f, 99f,
            -9f, -8f, -7f, 4f, 4f, 4f, 4f, 99f};
        float[] out = HeadTargets.reduce(map, 2, 8, 3, 3, new float[] {4f, 4f, 4f, 4f});
        float s1 = (float) (1 / (1 + Math.exp(-1)));
        float s7 = (float) (1 / (1 + Math.exp(7)));
        assertArrayEquals(new float[] {s1, 1f, 2f, 3f, 4f, s7, 0f, 0f, 0f, 0f}, out, 1e-6f);
    }

    @Test
    void refusesAMapOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeadTargets.reduce(new float[15], 2, 8, 3, 3, new float[4]));
        assertTrue(e.getMessage().contains("a head map of 15 floats is not 2 cells x 8 channels"), e.getMessage());
    }
}
