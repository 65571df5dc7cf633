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
 * fetched (TensorFlow prunes that branch) nor applied. Shared by the set's streams; a stream's own use of it
 * ({@link #forStream}) keeps its last frames' inputs.
 */
final class TfFlowNet implements FlowNet {

    private final Path dir;
    private final Session session;
    private final String image;
    private final String key;
    private final String flow;
    private final String scale;
    private final boolean unitScale;
    private final boolean namedInputs;
    private final MapWarp warp;

    /**
     * @param namedInputs the graph has the nodes {@link ModelContract#FLOW_IMAGE_INPUT} and
     *                    {@link ModelContract#FLOW_KEY_INPUT}
     */
    TfFlowNet(Path dir, Session session, String image, String key, String flow, String scale, boolean unitScale,
            boolean namedInputs, MapWarp warp) {
        this.dir = dir;
        this.session = session;
        this.image = image;
        this.key = key;
        this.flow = flow;
        this.scale = scale;
        this.unitScale = unitScale;
        this.namedInputs = namedInputs;
        this.warp = warp;
    }

    /**
     * One stream's use of the network (null where the graph does not name its inputs): it keeps the network inputs of
     * the last two frames it was given, so that a key frame given again, or a chained flow's previous frame, is fed
     * as made, not resized and normalised again (~0.13 ms of the network's ~1.2 a frame on 2 cores).
     */
    FlowNet forStream() {
        return namedInputs ? new StreamFlowNet(this) : null;
    }

    @Override
    public FlowField estimate(FrameImage keyImage, FrameImage current) {
        return estimate(keyImage, current, null);
    }

    /** @param inputs the stream's kept inputs, or null */
    FlowField estimate(FrameImage keyImage, FrameImage current, FlowInputs inputs) {
        TFloat32 keyInput = inputs == null ? null : inputs.of(keyImage);
        Session.Runner runner = session.runner().feed(image, ((TfFrameImage) current).tensor());
        if (keyInput != null) {
            runner.feed(ModelContract.FLOW_KEY_INPUT, keyInput);
        } else {
            runner.feed(key, ((TfFrameImage) keyImage).tensor());
        }
        runner.fetch(flow);
        if (!unitScale) {
            runner.fetch(scale);
        }
        int firstInput = unitScale ? 1 : 2; // where the fetched inputs start among the outputs
        if (inputs != null) {
            runner.fetch(ModelContract.FLOW_IMAGE_INPUT);
            if (keyInput == null) {
                runner.fetch(ModelContract.FLOW_KEY_INPUT);
            }
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
            if (inputs != null) {
                inputs.keep(keyImage, keyInput == null ? (TFloat32) r.get(firstInput + 1) : null, current,
                        (TFloat32) r.get(firstInput));
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
