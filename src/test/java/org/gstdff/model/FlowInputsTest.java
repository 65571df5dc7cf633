package org.gstdff.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gstdff.engine.FrameImage;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** The flow inputs a stream keeps: the last two frames', by identity, as copies. */
class FlowInputsTest {

    static {
        TensorFlowNatives.load();
    }

    private static FrameImage frame() {
        return new BlankFrame();
    }

    private static TFloat32 filled(float v) {
        TFloat32 t = TFloat32.tensorOf(Shape.of(1, 2, 2, 3));
        t.scalars().forEach(s -> s.setFloat(v));
        return t;
    }

    private static float first(TFloat32 t) {
        return t.getFloat(0, 0, 0, 0);
    }

    @Test
    void aChainKeepsThePreviousFrameAndDropsTheOneBefore() {
        FrameImage a = frame();
        FrameImage b = frame();
        FrameImage c = frame();
        try (FlowInputs kept = new FlowInputs(); TFloat32 ta = filled(1); TFloat32 tb = filled(2);
                TFloat32 tc = filled(3)) {
            assertNull(kept.of(a));
            kept.keep(a, ta, b, tb); // a to b: both made
            assertEquals(1f, first(kept.of(a)));
            assertEquals(2f, first(kept.of(b)));
            assertNotSame(tb, kept.of(b), "a copy, not the run's tensor");
            TFloat32 bKept = kept.of(b);
            kept.keep(b, null, c, tc); // b to c: b fed from here
            assertSame(bKept, kept.of(b), "the key's kept input is not touched");
            assertEquals(3f, first(kept.of(c)));
            assertNull(kept.of(a), "the frame the pair does not use is dropped");
            tc.scalars().forEach(s -> s.setFloat(9));
            assertEquals(3f, first(kept.of(c)), "a copy: the run's tensor may change or close");
        }
    }

    @Test
    void aKeyFrameStaysWhileItsFramesPass() {
        FrameImage key = frame();
        try (FlowInputs kept = new FlowInputs(); TFloat32 tk = filled(1); TFloat32 t = filled(5)) {
            kept.keep(key, tk, frame(), t);
            for (int i = 0; i < 3; i++) {
                FrameImage next = frame();
                kept.keep(key, null, next, t);
                assertEquals(1f, first(kept.of(key)));
                assertEquals(5f, first(kept.of(next)));
            }
        }
    }

    @Test
    void aKeyFrameNeitherKeptNorMadeIsRefused() {
        try (FlowInputs kept = new FlowInputs(); TFloat32 t = filled(1)) {
            assertThrows(IllegalStateException.class, () -> kept.keep(frame(), null, frame(), t));
        }
    }
}
