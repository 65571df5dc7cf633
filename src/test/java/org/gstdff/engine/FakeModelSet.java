package org.gstdff.engine;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;
import org.gstdff.core.Frame;
import org.gstdff.core.PixelFormat;

/**
 * Networks that record what they were given: a frame's "id" is its first byte, a feature map remembers which
 * frame(s) it came from, and the task net reports that as its label. Counts every handle opened and closed.
 */
public final class FakeModelSet implements ModelSet {

    public final AtomicInteger opened = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();
    public final AtomicInteger featureRuns = new AtomicInteger();
    public final AtomicInteger flowRuns = new AtomicInteger();
    public final AtomicInteger taskRuns = new AtomicInteger();
    volatile boolean failFeature;

    public static Frame frame(int id) {
        ByteBuffer b = ByteBuffer.allocate(4 * 2 * 3);
        b.put(0, (byte) id);
        return Frame.packed(b, 4, 2, PixelFormat.RGB);
    }

    /** A frame of one grey level {@code v} all over, its id {@code v} too (the adaptive check reads the pixels). */
    public static Frame uniform(int v) {
        ByteBuffer b = ByteBuffer.allocate(4 * 2 * 3);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) v);
        }
        return Frame.packed(b, 4, 2, PixelFormat.RGB);
    }

    final class Handle implements FrameImage, FeatureMap, FlowField {
        final String origin;
        boolean isClosed;

        Handle(String origin) {
            this.origin = origin;
            opened.incrementAndGet();
        }

        @Override
        public int width() {
            return 4;
        }

        @Override
        public int height() {
            return 2;
        }

        /** A flow field of the fake nets: 4x2 vectors of (1, 0), the content moved one cell left. */
        @Override
        public float[] vectors() {
            return new float[] {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
        }

        @Override
        public void close() {
            if (isClosed) {
                throw new IllegalStateException("closed twice: " + origin);
            }
            isClosed = true;
            closed.incrementAndGet();
        }
    }

    @Override
    public FrameIngest ingest() {
        return f -> new Handle(Integer.toString(f.pixels().get(0)));
    }

    @Override
    public FeatureNet feature() {
        return img -> {
            featureRuns.incrementAndGet();
            if (failFeature) {
                throw new IllegalStateException("feature net failed");
            }
            return new Handle("f" + ((Handle) img).origin);
        };
    }

    @Override
    public FlowNet flow() {
        return new FlowNet() {
            @Override
            public FlowField estimate(FrameImage keyImage, FrameImage cur) {
                flowRuns.incrementAndGet();
                if (((Handle) keyImage).isClosed || ((Handle) cur).isClosed) {
                    throw new IllegalStateException("key state used after close");
                }
                return new Handle("->" + ((Handle) cur).origin);
            }

            @Override
            public FeatureMap warp(FeatureMap key, FlowField flow) {
                if (((Handle) key).isClosed || (flow instanceof Handle h && h.isClosed)) {
                    throw new IllegalStateException("key state used after close");
                }
                // a flow the engine composed itself is named by its first vector
                return new Handle(((Handle) key).origin + (flow instanceof Handle h ? h.origin
                        : "~" + flow.vectors()[0]));
            }
        };
    }

    @Override
    public TaskNet task() {
        return (f, img) -> {
            taskRuns.incrementAndGet();
            if (((Handle) img).isClosed) {
                throw new IllegalStateException("task given a closed image");
            }
            return List.of(new Detection(0, ((Handle) f).origin, 0.9f, new BoundingBox(0, 0, img.width(), img.height())),
                    new Detection(1, "weak", 0.2f, new BoundingBox(0, 0, 1, 1)));
        };
    }

    @Override
    public List<String> labels() {
        return List.of("a", "b");
    }

    @Override
    public float scoreThreshold() {
        return 0.5f;
    }

    /** What {@link #flowNetworkChains} says: a set whose network was trained on consecutive frames. */
    public volatile boolean chains;

    @Override
    public boolean flowNetworkChains() {
        return chains;
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public void close() {
    }
}
