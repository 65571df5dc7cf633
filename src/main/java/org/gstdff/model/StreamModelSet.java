package org.gstdff.model;

import java.util.List;

import org.gstdff.engine.FeatureNet;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameIngest;
import org.gstdff.engine.ModelSet;
import org.gstdff.engine.TaskNet;

/**
 * One stream's view of a shared model set ({@link SharedModelSets}): the set's networks, which are safe to use
 * from several streaming threads (TensorFlow sessions, stateless decoding), and a flow of its own where it needs
 * per-stream state (DIS, Lucas-Kanade refinement: the last frames' grey images; the set's network: the last frames'
 * network inputs). Closing it closes its own flow and
 * releases the shared set.
 */
public final class StreamModelSet implements ModelSet {

    private final TfModelSet shared;
    private final FlowNet own; // null: the set's flow network as it is
    private final Runnable release;
    private boolean closed;

    StreamModelSet(TfModelSet shared, FlowNet own, Runnable release) {
        this.shared = shared;
        this.own = own;
        this.release = release;
    }

    /** The shared set (its manifest, directory, networks). */
    public TfModelSet shared() {
        return shared;
    }

    @Override
    public FrameIngest ingest() {
        return shared.ingest();
    }

    @Override
    public FeatureNet feature() {
        return shared.feature();
    }

    @Override
    public FlowNet flow() {
        return own != null ? own : shared.flowNetwork();
    }

    @Override
    public TaskNet task() {
        return shared.task();
    }

    @Override
    public List<String> labels() {
        return shared.labels();
    }

    @Override
    public float scoreThreshold() {
        return shared.scoreThreshold();
    }

    @Override
    public float scoreFloor() {
        return shared.scoreFloor();
    }

    @Override
    public boolean flowNetworkChains() {
        return shared.flowNetworkChains();
    }

    @Override
    public String describe() {
        return shared.describe(flow());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (own instanceof AutoCloseable c) {
                c.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("closing the stream's flow " + own + ": " + e.getMessage(), e);
        } finally {
            release.run();
        }
    }
}
