package org.gstdff.model;

import org.gstdff.engine.VectorField;

import java.nio.file.Path;

import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * F: the set's {@code flow/} SavedModel, with the set's warp. Its outputs are copied into Java arrays and the
 * result closed at once. A network whose scale field is exactly 1 (manifest {@code "scale": "unit"}) has it neither
 * fetched (TensorFlow prunes that branch) nor applied.
 */
final class TfFlowNet implements FlowNet {

    private final Path dir;
    private final Session session;
    private final String image;
    private final String key;
    private final String flow;
    private final String scale;
    private final boolean unitScale;
    private final MapWarp warp;

    TfFlowNet(Path dir, Session session, String image, String key, String flow, String scale, boolean unitScale,
            MapWarp warp) {
        this.dir = dir;
        this.session = session;
        this.image = image;
        this.key = key;
        this.flow = flow;
        this.scale = scale;
        this.unitScale = unitScale;
        this.warp = warp;
    }

    @Override
    public FlowField estimate(FrameImage keyImage, FrameImage current) {
        Session.Runner runner = session.runner().feed(image, ((TfFrameImage) current).tensor())
                .feed(key, ((TfFrameImage) keyImage).tensor()).fetch(flow);
        if (!unitScale) {
            runner.fetch(scale);
        }
        try (Result r = runner.run()) {
            Shape s = checked(r.get(0), ModelContract.FLOW, 2);
            int h = (int) s.get(1);
            int w = (int) s.get(2);
            float[] sc = null;
            if (!unitScale) {
                Shape ss = checked(r.get(1), ModelContract.SCALE, -1);
                if (ss.get(1) != h || ss.get(2) != w) {
                    throw new IllegalStateException(dir + ": output '" + ModelContract.SCALE + "' is " + ss
                            + ", the flow " + s);
                }
                sc = read((TFloat32) r.get(1));
            }
            return new VectorField(read((TFloat32) r.get(0)), sc, w, h);
        }
    }

    private Shape checked(org.tensorflow.Tensor t, String name, int channels) {
        Shape s = t.shape();
        if (t.dataType() != DataType.DT_FLOAT || s.numDimensions() != 4 || s.get(0) != 1
                || (channels > 0 && s.get(3) != channels)) {
            throw new IllegalStateException(dir + ": output '" + name + "' is " + t.dataType() + " " + s
                    + ", expected DT_FLOAT [1, h, w, " + (channels > 0 ? channels : "C") + "]");
        }
        return s;
    }

    private static float[] read(TFloat32 t) {
        return TfTensors.read(t);
    }

    @Override
    public FeatureMap warp(FeatureMap keyFeatures, FlowField flowField) {
        return warp.warp(keyFeatures, flowField);
    }
}
