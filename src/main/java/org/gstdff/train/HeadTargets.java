package org.gstdff.train;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.Frame;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FeatureNet;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.FrameIngest;
import org.gstdff.model.ModelManifest;
import org.gstdff.model.TfTensors;

/**
 * The frozen detector's head map on the frames of training clips, for the task term of chained training
 * ({@link ChainLoss}): per cell the objectness (the largest class probability) and the four box channels less
 * their value outside the map, so that a warp reading past the border (which reads 0) sees "nothing there". A
 * frame's map is computed the first time a chain needs it (~120 ms on 2 cores) and kept: 5 floats a cell, ~330 KB
 * a frame at 128x128, where the whole map would take 84.
 */
final class HeadTargets {

    /** Channels kept per cell: objectness, then the box channels. */
    static final int CHANNELS = 5;

    private final List<FlowTrainer.Clip> clips;
    private final List<float[][]> maps; // per clip and frame, null until computed
    private final FrameIngest ingest;
    private final FeatureNet feature;
    private final int width;
    private final int height;
    private final int channels;
    private final int classes;
    private final int boxChannel;
    private final float[] boxOutside = new float[4];

    /** The networks are borrowed: the caller closes them. */
    HeadTargets(List<FlowTrainer.Clip> clips, ModelManifest manifest, FrameIngest ingest, FeatureNet feature) {
        if (!manifest.isHeadMap()) {
            throw new IllegalArgumentException("the task term reads a detection head's output, but the feature map "
                    + "of set '" + manifest.name() + "' is not one (it has no decode section)");
        }
        this.clips = clips;
        this.ingest = ingest;
        this.feature = feature;
        this.width = manifest.featureWidth();
        this.height = manifest.featureHeight();
        this.channels = manifest.featureChannels();
        this.classes = manifest.labels().size();
        this.boxChannel = manifest.decode().boxChannel();
        float[] outside = manifest.outsideValues();
        for (int k = 0; k < 4 && outside != null; k++) {
            boxOutside[k] = outside[boxChannel + k];
        }
        maps = new ArrayList<>();
        for (FlowTrainer.Clip c : clips) {
            maps.add(new float[c.frames().size()][]);
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** Frames {@code start .. start+count-1} of a clip, packed as float [count,h,w,5]. */
    float[] run(int clip, int start, int count) {
        float[][] m = maps.get(clip);
        if (start < 0 || count < 1 || start + count > m.length) {
            throw new IllegalArgumentException(count + " frames from frame " + start + " of a clip with " + m.length);
        }
        int size = width * height * CHANNELS;
        float[] out = new float[count * size];
        for (int i = 0; i < count; i++) {
            if (m[start + i] == null) {
                m[start + i] = compute(clips.get(clip), start + i);
            }
            System.arraycopy(m[start + i], 0, out, i * size, size);
        }
        return out;
    }

    private float[] compute(FlowTrainer.Clip clip, int i) {
        try (FrameImage image = ingest.ingest(Frame.rgb(clip.frames().get(i), clip.width(), clip.height()));
                FeatureMap map = feature.extract(image)) {
            return reduce(TfTensors.read(TfTensors.features(map)), width * height, channels, classes, boxChannel, boxOutside);
        }
    }

    /**
     * A head map ({@code cells*channels} floats, class logits first) to the kept channels: sigmoid of the largest
     * class logit, then the 4 box channels from {@code boxChannel} less {@code boxOutside}.
     */
    static float[] reduce(float[] map, int cells, int channels, int classes, int boxChannel, float[] boxOutside) {
        if (map.length != cells * channels || classes < 1 || boxChannel + 4 > channels) {
            throw new IllegalArgumentException("a head map of " + map.length + " floats is not " + cells + " cells x "
                    + channels + " channels with " + classes + " classes and 4 box channels at " + boxChannel);
        }
        float[] out = new float[cells * CHANNELS];
        for (int p = 0; p < cells; p++) {
            int base = p * channels;
            float best = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                best = Math.max(best, map[base + k]);
            }
            out[p * CHANNELS] = (float) (1 / (1 + Math.exp(-best)));
            for (int k = 0; k < 4; k++) {
                out[p * CHANNELS + 1 + k] = map[base + boxChannel + k] - boxOutside[k];
            }
        }
        return out;
    }
}
