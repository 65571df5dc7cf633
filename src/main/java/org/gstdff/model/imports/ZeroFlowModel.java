package org.gstdff.model.imports;

import java.io.IOException;
import java.nio.file.Path;

import org.gstdff.model.GraphLayers;
import org.gstdff.model.ModelContract;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** A flow model that predicts no motion and scale 1: DFF then holds the key frame's features (the paper's baseline). */
public final class ZeroFlowModel {

    private ZeroFlowModel() {
    }

    public static void write(Path dir, int h, int w, int channels) throws IOException {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TUint8> image = GraphLayers.imageInput(tf, ModelContract.IMAGE);
            Placeholder<TUint8> key = GraphLayers.imageInput(tf, ModelContract.KEY_IMAGE);
            // Fill, not a constant: a [1,128,128,128] constant would put 8 MB into saved_model.pb
            Operand<TFloat32> flow = tf.withName(ModelContract.FLOW).fill(tf.constant(new int[] {1, h, w, 2}),
                    tf.constant(0f));
            Operand<TFloat32> scale = tf.withName(ModelContract.SCALE).fill(tf.constant(new int[] {1, h, w, channels}),
                    tf.constant(1f));
            try (Session s = new Session(g)) {
                SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(Signature.builder()
                        .key(ModelContract.SIGNATURE).input(ModelContract.IMAGE, image)
                        .input(ModelContract.KEY_IMAGE, key).output(ModelContract.FLOW, flow)
                        .output(ModelContract.SCALE, scale).build(), s)).export();
            }
        }
    }
}
