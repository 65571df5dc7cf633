package org.gstdff.engine;

import java.util.List;

/** The three networks of a model set plus what the engine needs to know about them. Closing frees them all. */
public interface ModelSet extends AutoCloseable {

    FrameIngest ingest();

    FeatureNet feature();

    FlowNet flow();

    TaskNet task();

    List<String> labels();

    /** The manifest's default score threshold. */
    float scoreThreshold();

    /** The lowest score the task network reports at all (0: no floor): a threshold below it finds nothing more. */
    default float scoreFloor() {
        return 0f;
    }

    /**
     * Whether the set's flow network was trained on consecutive frames, to be chained frame to frame back to the key
     * frame (a camera-adapted network, {@code ./dff adapt --path chain}, the default); {@code flow-path=auto}
     * follows it.
     */
    default boolean flowNetworkChains() {
        return false;
    }

    /** A short human description (name, input size, stride), for logs. */
    String describe();

    @Override
    void close();
}
