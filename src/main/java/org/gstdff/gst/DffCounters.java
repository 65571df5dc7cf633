package org.gstdff.gst;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.gstdff.core.FrameResult;
import org.gstdff.core.KeyReason;
import org.gstdff.core.LatencyStats;

/**
 * A {@code dff} element's counters since creation: frames, key frames by reason, detections, engine time, wall time
 * between the first and last frame, and the latency, lateness and metadata timings. Thread-safe; read as one
 * {@link DffElement.Stats} snapshot.
 */
final class DffCounters {

    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong keyFrames = new AtomicLong();
    private final Map<KeyReason, AtomicLong> keyReasons = new EnumMap<>(KeyReason.class);
    private final AtomicLong detections = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private volatile long firstFrameNanos;
    private volatile long lastFrameNanos;
    final LatencyStats latency = new LatencyStats();
    final LatencyStats lateness = new LatencyStats();
    final LatencyStats metadata = new LatencyStats();

    DffCounters() {
        for (KeyReason r : KeyReason.values()) {
            keyReasons.put(r, new AtomicLong());
        }
    }

    /** One processed frame: its result, engine and metadata time, and when it left ({@code doneNanos}). */
    void frame(FrameResult result, long busy, long doneNanos) {
        busyNanos.addAndGet(busy);
        if (frames.getAndIncrement() == 0) {
            firstFrameNanos = doneNanos;
        }
        lastFrameNanos = doneNanos;
        if (result.keyFrame()) {
            keyFrames.incrementAndGet();
            keyReasons.get(result.reason()).incrementAndGet();
        }
        detections.addAndGet(result.detections().size());
    }

    DffElement.Stats snapshot(long dropped) {
        Map<KeyReason, Long> reasons = new EnumMap<>(KeyReason.class);
        keyReasons.forEach((r, n) -> reasons.put(r, n.get()));
        return new DffElement.Stats(frames.get(), keyFrames.get(), detections.get(), busyNanos.get() / 1e9,
                (lastFrameNanos - firstFrameNanos) / 1e9, dropped, latency.summary(), lateness.summary(), reasons);
    }
}
