package org.gstdff.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gstdff.core.BoundingBox;
import org.gstdff.core.Detection;
import org.gstdff.core.GatherWarp;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FeatureNet;

import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.FrameIngest;
import org.gstdff.engine.ModelSet;
import org.gstdff.engine.TaskNet;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * A model set on disk loaded into TensorFlow sessions: {@code feature/}, {@code flow/} and {@code task/}
 * SavedModels plus the warp graph. {@link #load} checks the manifest, every signature, and one probe run of each
 * network at the manifest's input size, and names exactly what does not match.
 */
public final class TfModelSet implements ModelSet, FeatureNet, FlowNet, TaskNet {

    private final Path dir;
    private final ModelManifest manifest;
    private final boolean unitScale; // the manifest says the flow network's scale is 1: neither run nor applied
    private final SavedModelBundle feature;
    private final SavedModelBundle flow;
    private final SavedModelBundle task;
    private final Names names;
    // the warp's working arrays, reused: the key map is read once per key frame, not once per frame
    private float[] warpKey = new float[0];
    private float[] warpOut = new float[0];
    private TfFeatureMap warpKeyOwner;
    private volatile FlowNet flowNet = this;
    private final TfFrameIngest ingest = new TfFrameIngest();

    /** Tensor names resolved from the three signatures. */
    private record Names(String featureIn, String featureOut, String flowImage, String flowKey, String flowOut,
            String scaleOut, String taskIn, String taskImage, String boxes, String scores, String classes,
            DataType classesType) {
    }

    private TfModelSet(Path dir, ModelManifest manifest, SavedModelBundle feature, SavedModelBundle flow,
            SavedModelBundle task, Names names) {
        this.dir = dir;
        this.manifest = manifest;
        this.unitScale = manifest.flowScaleIsUnit();
        this.feature = feature;
        this.flow = flow;
        this.task = task;
        this.names = names;
    }

    public static TfModelSet load(Path dir, Device device) {
        return load(dir, device, 0, 0);
    }

    /**
     * Loads and validates a model set.
     *
     * @param intraOpThreads TensorFlow threads per op, 0 for its default
     * @param interOpThreads TensorFlow threads across ops, 0 for its default
     * @throws ModelSetException naming the file, signature or tensor that is wrong
     */
    public static TfModelSet load(Path dir, Device device, int intraOpThreads, int interOpThreads) {
        if (!Files.isDirectory(dir)) {
            throw new ModelSetException("model set folder " + dir + " does not exist");
        }
        ModelManifest manifest = ModelManifest.read(dir);
        if (device == Device.GPU && !Device.gpuAvailable()) {
            throw new ModelSetException("device=gpu: TensorFlow finds no usable GPU on this host (the GPU build needs "
                    + "NVIDIA drivers with CUDA 12 and cuDNN 9 installed); use device=auto or device=cpu");
        }
        ConfigProto config = device.config(intraOpThreads, interOpThreads);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            SavedModelBundle feature = open(dir, ModelContract.FEATURE_DIR, config, opened);
            SavedModelBundle flow = open(dir, ModelContract.FLOW_DIR, config, opened);
            SavedModelBundle task = open(dir, ModelContract.TASK_DIR, config, opened);
            Signature fs = signature(dir, ModelContract.FEATURE_DIR, feature);
            Signature ws = signature(dir, ModelContract.FLOW_DIR, flow);
            Signature ts = signature(dir, ModelContract.TASK_DIR, task);
            Names names = new Names(
                    tensor(dir, ModelContract.FEATURE_DIR, fs, true, ModelContract.IMAGE, DataType.DT_UINT8, 4),
                    tensor(dir, ModelContract.FEATURE_DIR, fs, false, ModelContract.FEATURE, DataType.DT_FLOAT, 4),
                    tensor(dir, ModelContract.FLOW_DIR, ws, true, ModelContract.IMAGE, DataType.DT_UINT8, 4),
                    tensor(dir, ModelContract.FLOW_DIR, ws, true, ModelContract.KEY_IMAGE, DataType.DT_UINT8, 4),
                    tensor(dir, ModelContract.FLOW_DIR, ws, false, ModelContract.FLOW, DataType.DT_FLOAT, 4),
                    tensor(dir, ModelContract.FLOW_DIR, ws, false, ModelContract.SCALE, DataType.DT_FLOAT, 4),
                    tensor(dir, ModelContract.TASK_DIR, ts, true, ModelContract.FEATURE, DataType.DT_FLOAT, 4),
                    ts.getInputs().containsKey(ModelContract.TASK_IMAGE) ? tensor(dir, ModelContract.TASK_DIR, ts, true,
                            ModelContract.TASK_IMAGE, DataType.DT_UINT8, 4) : null,
                    tensor(dir, ModelContract.TASK_DIR, ts, false, ModelContract.BOXES, DataType.DT_FLOAT, 3),
                    tensor(dir, ModelContract.TASK_DIR, ts, false, ModelContract.SCORES, DataType.DT_FLOAT, 2),
                    tensor(dir, ModelContract.TASK_DIR, ts, false, ModelContract.CLASSES, null, 2),
                    ts.getOutputs().get(ModelContract.CLASSES).dataType);
            DataType ct = names.classesType();
            if (ct != DataType.DT_INT32 && ct != DataType.DT_INT64 && ct != DataType.DT_FLOAT) {
                throw new ModelSetException(dir.resolve(ModelContract.TASK_DIR) + ": output '" + ModelContract.CLASSES
                        + "' has type " + ct + ", expected DT_INT32, DT_INT64 or DT_FLOAT");
            }
            TfModelSet set = new TfModelSet(dir, manifest, feature, flow, task, names);
            set.probe();
            return set;
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e instanceof ModelSetException ? e : new ModelSetException(
                    "model set " + dir + " failed to load: " + e.getMessage(), e);
        }
    }

    private static SavedModelBundle open(Path dir, String sub, ConfigProto config, List<AutoCloseable> opened) {
        Path p = dir.resolve(sub);
        if (!Files.isRegularFile(p.resolve("saved_model.pb"))) {
            throw new ModelSetException("model set " + dir + ": " + p + " is not a SavedModel (no saved_model.pb)");
        }
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

    /** Runs each network once on a blank frame and checks the shapes the manifest promises. */
    private void probe() {
        int c = manifest.featureChannels();
        try (TfFrameImage image = new TfFrameImage(
                TUint8.tensorOf(Shape.of(1, manifest.inputHeight(), manifest.inputWidth(), 3)),
                manifest.inputWidth(), manifest.inputHeight())) {
            TUint8 img = image.tensor();
            FeatureMap f = extract(image);
            try {
                Shape fs = ((TfFeatureMap) f).tensor().shape();
                Shape want = Shape.of(1, manifest.featureHeight(), manifest.featureWidth(), c);
                if (!fs.equals(want)) {
                    throw new ModelSetException(dir.resolve(ModelContract.FEATURE_DIR) + ": output '"
                            + ModelContract.FEATURE + "' has shape " + fs + " for a " + manifest.inputWidth() + "x"
                            + manifest.inputHeight() + " frame; the manifest (stride " + manifest.featureStride()
                            + ", " + c + " channels) expects " + want);
                }
                try (Result r = flow.session().runner().feed(names.flowImage(), img).feed(names.flowKey(), img)
                        .fetch(names.flowOut()).fetch(names.scaleOut()).run()) {
                    expectShape(ModelContract.FLOW_DIR, ModelContract.FLOW, r.get(0).shape(),
                            Shape.of(1, fs.get(1), fs.get(2), 2));
                    expectShape(ModelContract.FLOW_DIR, ModelContract.SCALE, r.get(1).shape(), fs);
                }
                try (Result r = taskRunner((TfFeatureMap) f, image).fetch(names.boxes()).fetch(names.scores())
                        .fetch(names.classes()).run()) {
                    Shape boxes = r.get(0).shape();
                    long n = boxes.numDimensions() == 3 ? boxes.get(1) : -1;
                    expectShape(ModelContract.TASK_DIR, ModelContract.BOXES, boxes, Shape.of(1, n, 4));
                    expectShape(ModelContract.TASK_DIR, ModelContract.SCORES, r.get(1).shape(), Shape.of(1, n));
                    expectShape(ModelContract.TASK_DIR, ModelContract.CLASSES, r.get(2).shape(), Shape.of(1, n));
                }
            } finally {
                f.close();
            }
        } catch (ModelSetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelSetException("model set " + dir + ": probe run at " + manifest.inputWidth() + "x"
                    + manifest.inputHeight() + " failed: " + e.getMessage(), e);
        }
    }

    private void expectShape(String sub, String tensor, Shape got, Shape want) {
        if (!got.equals(want)) {
            throw new ModelSetException(dir.resolve(sub) + ": output '" + tensor + "' has shape " + got
                    + ", expected " + want);
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public FrameIngest ingest() {
        return ingest;
    }

    @Override
    public FeatureNet feature() {
        return this;
    }

    @Override
    public FlowNet flow() {
        return flowNet;
    }

    /**
     * A DIS flow network over this set's grid, e.g. as a teacher or reference; the set's own flow network stays.
     * Close it when done (it caches the key frame's grey image).
     */
    public DisFlowNet disFlowNet() {
        return new DisFlowNet(this, manifest);
    }

    /**
     * Replaces the set's flow network by OpenCV's DIS optical flow (the shallow-feature-flow baseline); feature,
     * task and warp stay.
     *
     * @throws ModelSetException when OpenCV's Java bindings are not installed
     */
    public synchronized TfModelSet useDisFlow() {
        flowNet = new DisFlowNet(this, manifest);
        return this;
    }

    @Override
    public TaskNet task() {
        return this;
    }

    @Override
    public List<String> labels() {
        return manifest.labels();
    }

    @Override
    public float scoreThreshold() {
        return manifest.scoreThreshold();
    }

    @Override
    public String describe() {
        return manifest.name() + " (" + manifest.inputWidth() + "x" + manifest.inputHeight() + ", stride "
                + manifest.featureStride() + ", " + manifest.featureChannels() + " channels, flow "
                + (flowNet == this ? manifest.flowKind() : "OpenCV DIS instead of " + manifest.flowKind()) + ", " + manifest.labels().size() + " classes) from " + dir;
    }

    @Override
    public FeatureMap extract(FrameImage image) {
        return new TfFeatureMap(single(feature.session().runner()
                .feed(names.featureIn(), ((TfFrameImage) image).tensor()).fetch(names.featureOut()).run()));
    }

    @Override
    public FlowField estimate(FrameImage keyImage, FrameImage current) {
        Session.Runner runner = flow.session().runner().feed(names.flowImage(), ((TfFrameImage) current).tensor())
                .feed(names.flowKey(), ((TfFrameImage) keyImage).tensor()).fetch(names.flowOut());
        if (unitScale) {
            // TF prunes the scale branch when it is not fetched, and the warp skips the multiply
            Result r = runner.run();
            return new TfFlowField(r.get(0), null, r);
        }
        Result r = runner.fetch(names.scaleOut()).run();
        return new TfFlowField(r.get(0), r.get(1), r);
    }

    /**
     * The warp as one gather pass in Java ({@link GatherWarp}, rows split over the cores) rather than TF graph ops:
     * 2.9 ms against 4.7 ms for the 128x128x128 map on 2 cores ({@code ./dff jmh WarpBenchmark}). The graph form
     * ({@link FeatureWarp}) stays for training, where gradients are needed.
     */
    @Override
    public synchronized FeatureMap warp(FeatureMap keyFeatures, FlowField flowField) {
        TfFeatureMap key = (TfFeatureMap) keyFeatures;
        TfFlowField f = (TfFlowField) flowField;
        Shape ks = key.tensor().shape();
        int h = (int) ks.get(1);
        int w = (int) ks.get(2);
        int c = (int) ks.get(3);
        checkShape(f.flow(), ModelContract.FLOW, h, w, 2);
        if (f.scale() != null) {
            checkShape(f.scale(), ModelContract.SCALE, h, w, c);
        }
        int n = h * w * c;
        if (warpKeyOwner != key || warpKey.length != n) {
            if (warpKey.length != n) {
                warpKey = new float[n];
                warpOut = new float[n];
            }
            floats(key.tensor()).get(warpKey);
            warpKeyOwner = key;
        }
        GatherWarp.warp(warpKey, floats(f.flow()), f.scale() == null ? null : floats(f.scale()), warpOut, h, w, c,
                true);
        TFloat32 out = TFloat32.tensorOf(ks);
        floats(out).put(warpOut);
        return new TfFeatureMap(out);
    }

    static FloatBuffer floats(Tensor t) {
        return TensorMemory.bytes(t).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private void checkShape(Tensor t, String name, int h, int w, int c) {
        Shape s = t.shape();
        if (s.numDimensions() != 4 || s.get(0) != 1 || s.get(1) != h || s.get(2) != w || s.get(3) != c
                || t.dataType() != DataType.DT_FLOAT) {
            throw new IllegalStateException(dir.resolve(ModelContract.FLOW_DIR) + ": output '" + name + "' is "
                    + t.dataType() + " " + s + ", the feature map needs DT_FLOAT [1, " + h + ", " + w + ", " + c + "]");
        }
    }

    private Session.Runner taskRunner(TfFeatureMap features, TfFrameImage image) {
        Session.Runner r = task.session().runner().feed(names.taskIn(), features.tensor());
        return names.taskImage() == null ? r : r.feed(names.taskImage(), image.tensor());
    }

    @Override
    public List<Detection> detect(FeatureMap features, FrameImage frame) {
        int width = frame.width();
        int height = frame.height();
        try (Result r = taskRunner((TfFeatureMap) features, (TfFrameImage) frame).fetch(names.boxes())
                .fetch(names.scores()).fetch(names.classes()).run()) {
            TFloat32 boxes = (TFloat32) r.get(0);
            TFloat32 scores = (TFloat32) r.get(1);
            int n = (int) scores.shape().get(1);
            float[] b = new float[n * 4];
            float[] s = new float[n];
            boxes.asRawTensor().data().asFloats().read(b);
            scores.asRawTensor().data().asFloats().read(s);
            int[] cls = classes(r.get(2), n);
            List<Detection> out = new ArrayList<>(n);
            List<String> labels = manifest.labels();
            for (int i = 0; i < n; i++) {
                int id = cls[i];
                String label = id >= 0 && id < labels.size() ? labels.get(id) : "class_" + id;
                BoundingBox box = ordered(b[4 * i] * width, b[4 * i + 1] * height, b[4 * i + 2] * width,
                        b[4 * i + 3] * height).clamp(width, height);
                if (box.area() > 0) { // a box wholly outside the frame clamps to nothing: no detection
                    out.add(new Detection(id, label, s[i], box));
                }
            }
            out.sort((p, q) -> Float.compare(q.confidence(), p.confidence()));
            return out;
        }
    }

    private static BoundingBox ordered(double x1, double y1, double x2, double y2) {
        return new BoundingBox(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
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

    /**
     * The one float output of a run, now owned by the caller. A Result owns nothing but its tensors, so a
     * one-output Result is not closed: its tensor is handed on instead.
     */
    private static TFloat32 single(Result r) {
        if (r.size() != 1 || !(r.get(0) instanceof TFloat32 t)) {
            r.close();
            throw new IllegalStateException("expected one float32 output");
        }
        return t;
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        if (flowNet instanceof DisFlowNet d) {
            d.close();
        }
        task.close();
        flow.close();
        feature.close();
    }
}
