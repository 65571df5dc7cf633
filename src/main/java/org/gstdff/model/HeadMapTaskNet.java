package org.gstdff.model;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.core.Detection;
import org.gstdff.core.HeadMap;
import org.gstdff.core.PeakDecoder;
import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FrameImage;
import org.gstdff.engine.TaskNet;

/**
 * N_task for a set whose feature map is its detector's head output: the head's decode in Java ({@link
 * PeakDecoder}), reading only candidate cells, on the key frame's map as computed or on a lazily warped one. The
 * set's task SavedModel (the detector's own decode) stays as the reference it is tested against.
 */
final class HeadMapTaskNet implements TaskNet {

    private final PeakDecoder.Config config;
    private final List<String> labels;
    private final float[] outside;
    private final int inputWidth;
    private final int inputHeight;

    HeadMapTaskNet(ModelManifest m) {
        this.config = m.decode();
        this.labels = m.labels();
        this.outside = m.outsideValues();
        this.inputWidth = m.inputWidth();
        this.inputHeight = m.inputHeight();
    }

    @Override
    public List<Detection> detect(FeatureMap features, FrameImage frame) {
        HeadMap map = features instanceof LazyWarpedMap lazy ? lazy.map()
                : ((TfFeatureMap) features).headMap(labels.size(), outside, config);
        List<PeakDecoder.Peak> peaks = PeakDecoder.decode(map, config);
        // peaks are in the detector's input pixels; the input is the frame resized
        double sx = (double) frame.width() / inputWidth;
        double sy = (double) frame.height() / inputHeight;
        List<Detection> out = new ArrayList<>(peaks.size());
        for (PeakDecoder.Peak p : peaks) {
            Detection d = TfTaskNet.detection(p.label(), p.score(), p.x1() * sx, p.y1() * sy, p.x2() * sx,
                    p.y2() * sy, frame.width(), frame.height(), labels);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }
}
