package org.gstdff.model;

import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FeatureNet;
import org.gstdff.engine.FrameImage;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/** N_feat: the set's {@code feature/} SavedModel. */
final class TfFeatureNet implements FeatureNet {

    private final Session session;
    private final String input;
    private final String output;

    TfFeatureNet(Session session, String input, String output) {
        this.session = session;
        this.input = input;
        this.output = output;
    }

    @Override
    public FeatureMap extract(FrameImage image) {
        Result r = session.runner().feed(input, ((TfFrameImage) image).tensor()).fetch(output).run();
        if (r.size() != 1 || !(r.get(0) instanceof TFloat32 t)) {
            r.close();
            throw new IllegalStateException("feature network: expected one float32 output");
        }
        // a Result owns nothing but its tensors: the one output is handed on, owned by the map, instead of closing it
        return new TfFeatureMap(t);
    }
}
