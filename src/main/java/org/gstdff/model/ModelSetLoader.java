package org.gstdff.model;

import org.gstdff.engine.VectorField;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TUint8;

/**
 * Loads a model set and checks it before anything runs: the manifest, every signature's inputs and outputs, and one
 * probe run of each network at the manifest's input size; every error names the file, signature or tensor at fault
 * and what was expected.
 */
final class ModelSetLoader {

    static {
        TensorFlowNatives.load(); // quietly, before any TensorFlow class needs the library
    }

    private ModelSetLoader() {
    }

    static TfModelSet load(Path dir, Device device, int intraOpThreads, int interOpThreads,
            FlowPrecision flowPrecision) {
        if (!Files.isDirectory(dir)) {
            throw new ModelSetException("model set folder " + dir + " does not exist");
        }
        ModelManifest manifest = ModelManifest.read(dir);
        ConfigProto config = device.config(intraOpThreads, interOpThreads);
        if (device == Device.GPU && !Device.gpuAvailable(config)) {
            throw new ModelSetException("device=gpu: TensorFlow finds no usable GPU on this host (the GPU build needs "
                    + "NVIDIA drivers with CUDA 12 and cuDNN 9 installed); use device=auto or device=cpu");
        }
        // bfloat16 is oneDNN's rewrite of ops on the CPU: a flow network on a GPU computes in float32
        FlowPrecision precision = device != Device.CPU && Device.gpuAvailable(config) ? FlowPrecision.FLOAT32
                : flowPrecision.resolve();
        List<SavedModelBundle> opened = new ArrayList<>();
        try {
            SavedModelBundle feature = open(dir, ModelContract.FEATURE_DIR, config, opened);
            // the flow network's few small ops run on the calling thread unless inter-op threads are asked for
            SavedModelBundle flow = open(dir, ModelContract.FLOW_DIR, precision.apply(interOpThreads != 0 ? config
                    : device.config(intraOpThreads, Device.CALLING_THREAD)), opened);
            SavedModelBundle task = open(dir, ModelContract.TASK_DIR, config, opened);
            Signature fs = signature(dir, ModelContract.FEATURE_DIR, feature);
            Signature ws = signature(dir, ModelContract.FLOW_DIR, flow);
            Signature ts = signature(dir, ModelContract.TASK_DIR, task);
            TfFeatureNet featureNet = new TfFeatureNet(feature.session(),
                    tensor(dir, ModelContract.FEATURE_DIR, fs, true, ModelContract.IMAGE, DataType.DT_UINT8, 4),
                    tensor(dir, ModelContract.FEATURE_DIR, fs, false, ModelContract.FEATURE, DataType.DT_FLOAT, 4));
            MapWarp warp = new MapWarp(manifest);
            TfFlowNet flowNet = new TfFlowNet(dir.resolve(ModelContract.FLOW_DIR), flow.session(),
                    tensor(dir, ModelContract.FLOW_DIR, ws, true, ModelContract.IMAGE, DataType.DT_UINT8, 4),
                    tensor(dir, ModelContract.FLOW_DIR, ws, true, ModelContract.KEY_IMAGE, DataType.DT_UINT8, 4),
                    tensor(dir, ModelContract.FLOW_DIR, ws, false, ModelContract.FLOW, DataType.DT_FLOAT, 4),
                    tensor(dir, ModelContract.FLOW_DIR, ws, false, ModelContract.SCALE, DataType.DT_FLOAT, 4),
                    manifest.flowScaleIsUnit(), flow.graph().operation(ModelContract.FLOW_IMAGE_INPUT) != null
                            && flow.graph().operation(ModelContract.FLOW_KEY_INPUT) != null, warp);
            TfTaskNet.Names taskNames = new TfTaskNet.Names(
                    tensor(dir, ModelContract.TASK_DIR, ts, true, ModelContract.FEATURE, DataType.DT_FLOAT, 4),
                    ts.getInputs().containsKey(ModelContract.TASK_IMAGE) ? tensor(dir, ModelContract.TASK_DIR, ts, true,
                            ModelContract.TASK_IMAGE, DataType.DT_UINT8, 4) : null,
                    tensor(dir, ModelContract.TASK_DIR, ts, false, ModelContract.BOXES, DataType.DT_FLOAT, 3),
                    tensor(dir, ModelContract.TASK_DIR, ts, false, ModelContract.SCORES, DataType.DT_FLOAT, 2),
                    tensor(dir, ModelContract.TASK_DIR, ts, false, ModelContract.CLASSES, null, 2));
            DataType ct = ts.getOutputs().get(ModelContract.CLASSES).dataType;
            if (ct != DataType.DT_INT32 && ct != DataType.DT_INT64 && ct != DataType.DT_FLOAT) {
                throw new ModelSetException(dir.resolve(ModelContract.TASK_DIR) + ": output '" + ModelContract.CLASSES
                        + "' has type " + ct + ", expected DT_INT32, DT_INT64 or DT_FLOAT");
            }
            TfModelSet set = new TfModelSet(dir, manifest, opened, featureNet, flowNet, precision, warp,
                    new TfTaskNet(task.session(), taskNames, manifest.labels()));
            probe(set);
            return set;
        } catch (RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
            throw e instanceof ModelSetException ? e : new ModelSetException(
                    "model set " + dir + " failed to load: " + e.getMessage(), e);
        }
    }

    private static SavedModelBundle open(Path dir, String sub, ConfigProto config, List<SavedModelBundle> opened) {
        Path p = dir.resolve(sub);
        if (!Files.isRegularFile(p.resolve("saved_model.pb"))) {
            throw new ModelSetException("model set " + dir + ": " + p + " is not a SavedModel (no saved_model.pb)");
        }
        ModelOps.check(p, "model set " + dir + ": " + sub + "/"); // before loading runs any of it
        try {
            SavedModelBundle b = SavedModelBundle.loader(p.toString()).withTags(ModelContract.TAG)
                    .withConfigProto(config).load();
            opened.add(b);
            return b;
        } catch (RuntimeException e) {
            throw new ModelSetException("cannot load SavedModel " + p + ": " + e.getMessage(), e);
        }
    }

    private static Signature signature(Path dir, String sub, SavedModelBundle b) {
        for (Signature s : b.signatures()) {
            if (ModelContract.SIGNATURE.equals(s.key())) {
                return s;
            }
        }
        List<String> keys = b.signatures().stream().map(Signature::key).toList();
        throw new ModelSetException(dir.resolve(sub) + ": no signature '" + ModelContract.SIGNATURE
                + "' (found " + keys + ")");
    }

    private static String tensor(Path dir, String sub, Signature sig, boolean input, String name, DataType type,
            int rank) {
        Map<String, Signature.TensorDescription> m = input ? sig.getInputs() : sig.getOutputs();
        Signature.TensorDescription d = m.get(name);
        String where = dir.resolve(sub) + ": signature '" + sig.key() + "' " + (input ? "input" : "output");
        if (d == null) {
            throw new ModelSetException(where + " '" + name + "' is missing (it has " + m.keySet() + ")");
        }
        if (type != null && d.dataType != type) {
            throw new ModelSetException(where + " '" + name + "' has type " + d.dataType + ", expected " + type);
        }
        if (!d.shape.isUnknown() && d.shape.numDimensions() != rank) {
            throw new ModelSetException(where + " '" + name + "' has shape " + d.shape + ", expected rank " + rank);
        }
        return d.name;
    }

    /**
     * Runs each network once on a blank frame and checks the shapes the manifest promises: the feature map, the flow
     * and (unless the manifest says it is 1) the scale field, the task outputs; a head-map set's decoder runs too.
     */
    private static void probe(TfModelSet set) {
        ModelManifest m = set.manifest();
        Path dir = set.directory();
        int c = m.featureChannels();
        try (TfFrameImage image = new TfFrameImage(TUint8.tensorOf(Shape.of(1, m.inputHeight(), m.inputWidth(), 3)),
                m.inputWidth(), m.inputHeight());
                FeatureMap f = set.feature().extract(image)) {
            Shape fs = ((TfFeatureMap) f).shape();
            Shape want = Shape.of(1, m.featureHeight(), m.featureWidth(), c);
            if (!fs.equals(want)) {
                throw new ModelSetException(dir.resolve(ModelContract.FEATURE_DIR) + ": output '"
                        + ModelContract.FEATURE + "' has shape " + fs + " for a " + m.inputWidth() + "x"
                        + m.inputHeight() + " frame; the manifest (stride " + m.featureStride() + ", " + c
                        + " channels) expects " + want);
            }
            try (FlowField flow = set.flowNetwork().estimate(image, image)) {
                if (flow.width() != m.featureWidth() || flow.height() != m.featureHeight()) {
                    throw new ModelSetException(dir.resolve(ModelContract.FLOW_DIR) + ": output '"
                            + ModelContract.FLOW + "' is " + flow.width() + "x" + flow.height()
                            + ", expected the feature grid " + m.featureWidth() + "x" + m.featureHeight());
                }
                float[] scale = ((VectorField) flow).scale();
                if (scale != null && scale.length != fs.size()) {
                    throw new ModelSetException(dir.resolve(ModelContract.FLOW_DIR) + ": output '"
                            + ModelContract.SCALE + "' has " + scale.length / (flow.width() * flow.height())
                            + " channels, expected " + c + " (one per feature channel)");
                }
                set.flow().warp(f, flow).close();
            }
            try (Result r = set.graphTaskRun((TfFeatureMap) f, image)) {
                Shape boxes = r.get(0).shape();
                long n = boxes.numDimensions() == 3 ? boxes.get(1) : -1;
                expectShape(dir, ModelContract.BOXES, boxes, Shape.of(1, n, 4));
                expectShape(dir, ModelContract.SCORES, r.get(1).shape(), Shape.of(1, n));
                expectShape(dir, ModelContract.CLASSES, r.get(2).shape(), Shape.of(1, n));
            }
            set.task().detect(f, image);
        } catch (ModelSetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelSetException("model set " + dir + ": probe run at " + m.inputWidth() + "x"
                    + m.inputHeight() + " failed: " + e.getMessage(), e);
        }
    }

    private static void expectShape(Path dir, String tensor, Shape got, Shape want) {
        if (!got.equals(want)) {
            throw new ModelSetException(dir.resolve(ModelContract.TASK_DIR) + ": output '" + tensor + "' has shape "
                    + got + ", expected " + want);
        }
    }
}
