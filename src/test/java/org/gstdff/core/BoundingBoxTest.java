package org.gstdff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BoundingBoxTest {

    @Test
    void iou() {
        BoundingBox a = new BoundingBox(0, 0, 10, 10);
        assertEquals(1.0, a.iou(a), 1e-12);
        assertEquals(0.0, a.iou(new BoundingBox(10, 0, 20, 10)), 1e-12);
        // overlap 5x10 = 50, union 150
        assertEquals(50.0 / 150.0, a.iou(new BoundingBox(5, 0, 15, 10)), 1e-12);
    }

    @Test
    void clamp() {
        BoundingBox b = new BoundingBox(-5, 2, 30, 40).clamp(20, 30);
        assertEquals(new BoundingBox(0, 2, 20, 30), b);
    }

    @Test
    void rejectsInvertedAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> new BoundingBox(5, 0, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new BoundingBox(0, 0, Double.NaN, 1));
    }
}
