package org.gstdff.model;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.TaskNet;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** N_task with its decode in the graph: the set's {@code task/} SavedModel, boxes / scores / classes out. */
final class TfTaskNet implements TaskNet {

    /** Tensor names of the task signature; {@code image} is null when the task does not take the frame. */
    record Names(String feature, String image, String boxes, String scores, String classes) {
    }

    private final Session session;
    private final Names names;
    private final List<String> labels;

    TfTaskNet(Session session, Names names, List<String> labels) {
        this.session = session;
        this.names = names;
        this.labels = labels;
    }

    Result run(TfFeatureMap features, TfFrameImage image) {
        Session.Runner r = session.runner().feed(names.feature(), features.tensor());
        if (names.image() != null) {
            r.feed(names.image(), image.tensor());
        }
        return r.fetch(names.boxes()).fetch(names.scores()).fetch(names.classes()).run();
    }

    @Override
    public List<Detection> detect(FeatureMap features, FrameImage frame) {
        int width = frame.width();
        int height = frame.height();
        try (Result r = run((TfFeatureMap) features, (TfFrameImage) frame)) {
            TFloat32 boxes = (TFloat32) r.get(0);
            TFloat32 scores = (TFloat32) r.get(1);
            int n = (int) scores.shape().get(1);
            float[] b = new float[n * 4];
            float[] s = new float[n];
            boxes.asRawTensor().data().asFloats().read(b);
            scores.asRawTensor().data().asFloats().read(s);
            int[] cls = classes(r.get(2), n);
            List<Detection> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Detection d = detection(cls[i], s[i], b[4 * i] * width, b[4 * i + 1] * height, b[4 * i + 2] * width,
                        b[4 * i + 3] * height, width, height, labels);
                if (d != null) {
                    out.add(d);
                }
            }
            out.sort((p, q) -> Float.compare(q.confidence(), p.confidence()));
            return out;
        }
    }

    /**
     * A detection from corners in frame pixels (either order), clamped to the frame; null when the box clamps to
     * nothing (wholly outside the frame).
     */
    static Detection detection(int id, float score, double x1, double y1, double x2, double y2, int width,
            int height, List<String> labels) {
        if (id < 0 || id >= labels.size()) {
            // a set whose labels do not match its task network: refuse rather than invent names
            throw new ModelSetException("the task network gave class id " + id + " but the model set's labels list "
                    + labels.size() + " names (model.json labels must have one name per class of the network)");
        }
        String label = labels.get(id);
        BoundingBox box = new BoundingBox(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2))
                .clamp(width, height);
        return box.area() > 0 ? new Detection(id, label, score, box) : null;
    }

    private static int[] classes(Tensor t, int n) {
        int[] out = new int[n];
        if (t instanceof TInt32 ti) {
            ti.asRawTensor().data().asInts().read(out);
        } else if (t instanceof TInt64 tl) {
            long[] l = new long[n];
            tl.asRawTensor().data().asLongs().read(l);
            for (int i = 0; i < n; i++) {
                out[i] = (int) l[i];
            }
        } else {
            float[] f = new float[n];
            ((TFloat32) t).asRawTensor().data().asFloats().read(f);
            for (int i = 0; i < n; i++) {
                out[i] = Math.round(f[i]);
            }
        }
        return out;
    }
}
