package org.gstdff.gst;

import org.gstdff.engine.DffEngine;
import org.gstdff.engine.KeyPhases;
import org.gstdff.engine.ModelSet;

/**
 * A {@code dff} element's per-stream state: the engine, the model set it runs and the key-frame phase it took. Built
 * when the stream starts (or by prepare()), closed when the element stops; the element holds it in one reference,
 * so there is never half a stream.
 */
final class DffStream implements AutoCloseable {

    private final DffEngine engine;
    private ModelSet models;
    private final int phaseSlot; // -1: not staggered

    /** Takes ownership of {@code models}: closing the stream closes them. */
    DffStream(ModelSet models, DffSettings s, float threshold) {
        this.models = models;
        engine = new DffEngine(models, s.mode(), s.keyInterval(), threshold);
        phaseSlot = s.staggerKeys() ? KeyPhases.join() : -1;
        if (phaseSlot >= 0) {
            engine.setKeyPhase(KeyPhases.phase(phaseSlot));
        }
        apply(s, threshold);
    }

    DffEngine engine() {
        return engine;
    }

    ModelSet models() {
        return models;
    }

    /** The settings changeable while playing. */
    void apply(DffSettings s, float threshold) {
        engine.setChainFlow(s.chainFlow(models.flowNetworkChains()));
        engine.setKeyInterval(s.keyInterval());
        engine.setAdaptive(s.keyThreshold(), s.keyRate(), s.minKeyInterval());
        engine.setKeyPolicy(s.keyPolicy());
        engine.setMode(s.mode());
        engine.setThreshold(threshold);
    }

    /** Swaps in another model set between two frames; returns the previous one for the caller to close. */
    ModelSet swap(ModelSet next, DffSettings s, float threshold) {
        ModelSet previous = engine.swapModels(next);
        models = next;
        engine.setThreshold(threshold);
        engine.setChainFlow(s.chainFlow(next.flowNetworkChains()));
        return previous;
    }

    @Override
    public void close() {
        engine.close();
        if (phaseSlot >= 0) {
            KeyPhases.leave(phaseSlot);
        }
        models.close();
    }
}
