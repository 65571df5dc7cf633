package org.gstdff.model;

import org.gstdff.engine.VectorField;

import org.gstdff.core.GatherWarp;
import org.gstdff.core.WarpedHeadMap;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;

/**
 * W: the key frame's map warped to the current frame, {@code f(p) = scale(p) * bilinear(f_key, p + flow(p))}, a
 * sample past the border taking the set's outside value. A head-output map with no scale field is warped lazily
 * (only the cells its decoder reads are sampled); any other map in one gather pass in Java ({@link GatherWarp}, rows
 * split over the cores: 2.9 ms against 4.7 ms for TF graph ops on a 128x128x128 map, {@code ./dff jmh
 * WarpBenchmark}). The graph form ({@link FeatureWarp}) stays for training, where gradients are needed.
 */
final class MapWarp {

    private final ModelManifest manifest;
    private final float[] outside;
    private float[] out = new float[0]; // reused: the warped map is copied into its tensor

    MapWarp(ModelManifest manifest) {
        this.manifest = manifest;
        this.outside = manifest.outsideValues();
    }

    synchronized FeatureMap warp(FeatureMap keyFeatures, FlowField flowField) {
        TfFeatureMap key = (TfFeatureMap) keyFeatures;
        FlowField f = flowField;
        float[] scale = f instanceof VectorField v ? v.scale() : null;
        int h = key.height();
        int w = key.width();
        int c = key.channels();
        if (f.width() != w || f.height() != h) {
            throw new IllegalStateException("flow field is " + f.width() + "x" + f.height() + ", the feature map "
                    + w + "x" + h);
        }
        if (scale != null && scale.length != h * w * c) {
            throw new IllegalStateException("scale field holds " + scale.length + " floats, the feature map "
                    + "needs " + h * w * c + " ([1, " + h + ", " + w + ", " + c + "])");
        }
        if (manifest.isHeadMap() && scale == null) {
            // the flow array is copied: the map may outlive the field it came from
            return new LazyWarpedMap(new WarpedHeadMap(key.headMap(manifest.labels().size(), outside,
                    manifest.decode()), f.vectors().clone()));
        }
        if (out.length != h * w * c) {
            out = new float[h * w * c];
        }
        GatherWarp.warp(key.array(), f.vectors(), scale, outside, out, h, w, c, true);
        return TfFeatureMap.of(out, key.shape());
    }
}
