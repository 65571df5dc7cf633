package org.gstdff.model;

import java.nio.file.Path;
import java.util.List;

import org.gstdff.engine.FeatureNet;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameIngest;
import org.gstdff.engine.ModelSet;
import org.gstdff.engine.TaskNet;
import org.tensorflow.SavedModelBundle;

/**
 * A model set loaded into TensorFlow sessions ({@link ModelSetLoader} checks it first): the feature network, the
 * flow network with the warp, the task network with its decoder, and the frame ingest. Owns the three SavedModels
 * and closes them with itself.
 */
public final class TfModelSet implements ModelSet {

    private final Path dir;
    private final ModelManifest manifest;
    private final List<SavedModelBundle> bundles;
    private final TfFrameIngest ingest = new TfFrameIngest();
    private final TfFeatureNet feature;
    private final TfFlowNet flowNetwork;
    private final FlowPrecision flowPrecision;
    private final MapWarp warp;
    private final TfTaskNet graphTask;
    private final TaskNet task;
    private volatile FlowNet flow;

    TfModelSet(Path dir, ModelManifest manifest, List<SavedModelBundle> bundles, TfFeatureNet feature,
            TfFlowNet flowNetwork, FlowPrecision flowPrecision, MapWarp warp, TfTaskNet graphTask) {
        this.dir = dir;
        this.manifest = manifest;
        this.bundles = List.copyOf(bundles);
        this.feature = feature;
        this.flowNetwork = flowNetwork;
        this.flowPrecision = flowPrecision;
        this.flow = flowNetwork;
        this.warp = warp;
        this.graphTask = graphTask;
        this.task = manifest.isHeadMap() ? new HeadMapTaskNet(manifest) : graphTask;
    }

    public static TfModelSet load(Path dir, Device device) {
        return load(dir, device, 0, 0);
    }

    /** {@link #load(Path, Device, int, int, FlowPrecision)} at {@link FlowPrecision#AUTO}. */
    public static TfModelSet load(Path dir, Device device, int intraOpThreads, int interOpThreads) {
        return load(dir, device, intraOpThreads, interOpThreads, FlowPrecision.AUTO);
    }

    /**
     * Loads and validates a model set.
     *
     * @param intraOpThreads TensorFlow threads per op, 0 for its default
     * @param interOpThreads TensorFlow threads across ops, 0 for its default
     * @param flowPrecision  the number format the flow network computes in
     * @throws ModelSetException naming the file, signature or tensor that is wrong
     */
    public static TfModelSet load(Path dir, Device device, int intraOpThreads, int interOpThreads,
            FlowPrecision flowPrecision) {
        return ModelSetLoader.load(dir, device, intraOpThreads, interOpThreads, flowPrecision);
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
        return feature;
    }

    /** The flow in use: the set's network, or DIS after {@link #useDisFlow}. */
    @Override
    public FlowNet flow() {
        return flow;
    }

    /** What the set's flow network computes in: {@link FlowPrecision#FLOAT32} or {@link FlowPrecision#BFLOAT16}. */
    public FlowPrecision flowPrecision() {
        return flowPrecision;
    }

    /** The set's own flow network, whichever flow is in use. */
    public FlowNet flowNetwork() {
        return flowNetwork;
    }

    /**
     * The set's flow network for one stream, which keeps the network inputs of the stream's last frames (close it
     * with the stream); null where the network does not name its inputs, and the shared one serves as it is.
     */
    FlowNet streamFlowNetwork() {
        return flowNetwork.forStream();
    }

    @Override
    public TaskNet task() {
        return task;
    }

    /**
     * The task network with the detector's own decode in the graph. For a head-map set, {@link #task()} decodes in
     * Java instead and this is its reference.
     */
    public TaskNet graphTask() {
        return graphTask;
    }

    /**
     * DIS optical flow over this set's grid with the set's warp, e.g. as a teacher or reference; the set's flow stays.
     * Close it when done (it caches the key frame's grey image).
     *
     * @throws ModelSetException when OpenCV's Java bindings are not installed
     */
    public DisFlowNet disFlowNet(DisFlowNet.Settings settings) {
        try {
            return new DisFlowNet(manifest.featureWidth(), manifest.featureHeight(), manifest.featureStride(),
                    settings, warp::warp);
        } catch (NoClassDefFoundError e) {
            throw new ModelSetException("flow=dis needs OpenCV's Java classes on the classpath: Debian's "
                    + "libopencv-java installs /usr/share/java/opencv.jar (README: Use it in your Maven project); "
                    + "flow=model uses the set's own network instead");
        }
    }

    /**
     * Replaces the set's flow network by OpenCV's DIS optical flow; feature, task and warp stay.
     *
     * @throws ModelSetException when OpenCV's Java bindings are not installed
     */
    public synchronized TfModelSet useDisFlow(DisFlowNet.Settings settings) {
        FlowNet previous = flow;
        flow = disFlowNet(settings);
        if (previous instanceof DisFlowNet d) {
            d.close();
        }
        return this;
    }

    /** One run of the graph task on a map and frame, for the loader's probe. */
    org.tensorflow.Result graphTaskRun(TfFeatureMap features, TfFrameImage image) {
        return graphTask.run(features, image);
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
    public float scoreFloor() {
        return manifest.isHeadMap() ? manifest.decode().scoreFloor() : 0f;
    }

    @Override
    public boolean flowNetworkChains() {
        return manifest.flowChains();
    }

    @Override
    public String describe() {
        return describe(flow);
    }

    /** The description with flow {@code f} in use (a stream's own, see {@link StreamModelSet}). */
    String describe(FlowNet f) {
        return manifest.name() + " (" + manifest.inputWidth() + "x" + manifest.inputHeight() + ", stride "
                + manifest.featureStride() + ", " + manifest.featureChannels() + " channels"
                + (manifest.isHeadMap() ? " of head output" : "") + ", flow "
                + flowDescription(f)
                + ", " + manifest.labels().size() + " classes) from " + dir;
    }

    private String flowDescription(FlowNet f) {
        if (f instanceof RefinedFlowNet r) {
            return flowDescription(r.inner()) + " + " + r.describe();
        }
        return f instanceof DisFlowNet d ? d.describe() + " instead of " + manifest.flowKind()
                : manifest.flowKind() + (flowPrecision == FlowPrecision.BFLOAT16 ? " in bfloat16" : "");
    }

    @Override
    public void close() {
        if (flow instanceof DisFlowNet d) {
            d.close();
        }
        for (int i = bundles.size() - 1; i >= 0; i--) {
            bundles.get(i).close();
        }
    }
}
