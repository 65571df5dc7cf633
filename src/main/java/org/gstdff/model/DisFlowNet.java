package org.gstdff.model;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.gstdff.engine.FeatureMap;
import org.gstdff.engine.FlowField;
import org.gstdff.engine.FlowNet;
import org.gstdff.engine.FrameImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.DISOpticalFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Shallow feature flow, the paper's SFF baseline: OpenCV's DIS optical flow (MEDIUM preset) on the two frames as
 * grey images at the feature network's input size (512x512 for CenterNet), current to key, averaged over each feature cell and converted to feature pixels, then the
 * set's own warp with scale 1. No learning; its cost is the point of comparison for the flow network.
 */
public final class DisFlowNet implements FlowNet, AutoCloseable {

    private static boolean loaded;

    private final TfModelSet set;
    private final int stride;
    private final int cellsX;
    private final int cellsY;
    private final DISOpticalFlow dis;

    /** DIS runs at the feature network's input size (one feature cell = stride x stride pixels). */
    DisFlowNet(TfModelSet set, ModelManifest m) {
        loadNative();
        this.set = set;
        this.stride = m.featureStride();
        this.cellsX = m.featureWidth();
        this.cellsY = m.featureHeight();
        dis = DISOpticalFlow.create(DISOpticalFlow.PRESET_MEDIUM);
    }

    /** Loads Debian's OpenCV JNI library (libopencv-java), naming the package when it is missing. */
    static synchronized void loadNative() {
        if (loaded) {
            return;
        }
        Path dir = Path.of("/usr/lib/jni");
        try (DirectoryStream<Path> libs = Files.newDirectoryStream(dir, "libopencv_java*.so")) {
            for (Path p : libs) {
                System.load(p.toString());
                loaded = true;
                return;
            }
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new ModelSetException("flow=dis needs OpenCV's Java bindings (Debian package libopencv-java): "
                    + e.getMessage());
        }
        throw new ModelSetException("flow=dis needs OpenCV's Java bindings: no libopencv_java*.so in " + dir
                + " (install the Debian package libopencv-java)");
    }

    // reused between frames (calls are serialised): the key frame's grey image is made once per key frame
    private FrameImage greyKeyOwner;
    private Mat greyKey;
    private byte[] rgb = new byte[0];
    private float[] pixelFlow = new float[0];

    @Override
    public synchronized FlowField estimate(FrameImage keyImage, FrameImage current) {
        int gw = cellsX * stride;
        int gh = cellsY * stride;
        if (greyKeyOwner != keyImage) {
            releaseKey();
            greyKey = grey((TfFrameImage) keyImage, gw, gh);
            greyKeyOwner = keyImage;
        }
        Mat cur = grey((TfFrameImage) current, gw, gh);
        Mat flow = new Mat();
        try {
            dis.calc(cur, greyKey, flow); // for each current pixel p: key(p + flow(p)) ~ current(p)
            if (pixelFlow.length != gw * gh * 2) {
                pixelFlow = new float[gw * gh * 2];
            }
            flow.get(0, 0, pixelFlow);
            float[] pooled = new float[cellsX * cellsY * 2];
            float norm = 1f / (stride * stride * stride); // mean over the cell, and image to feature pixels
            for (int y = 0; y < gh; y++) {
                int cy = y / stride;
                for (int x = 0; x < gw; x++) {
                    int o = (cy * cellsX + x / stride) * 2;
                    int i = (y * gw + x) * 2;
                    pooled[o] += pixelFlow[i] * norm;
                    pooled[o + 1] += pixelFlow[i + 1] * norm;
                }
            }
            TFloat32 t = TFloat32.tensorOf(Shape.of(1, cellsY, cellsX, 2));
            TfModelSet.floats(t).put(pooled);
            return new TfFlowField(t, null, t);
        } finally {
            cur.release();
            flow.release();
        }
    }

    private Mat grey(TfFrameImage image, int gw, int gh) {
        int w = image.width();
        int h = image.height();
        if (rgb.length != w * h * 3) {
            rgb = new byte[w * h * 3];
        }
        TensorMemory.bytes(image.tensor()).get(rgb);
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        Mat g = new Mat();
        Mat out = new Mat();
        try {
            m.put(0, 0, rgb);
            Imgproc.cvtColor(m, g, Imgproc.COLOR_RGB2GRAY);
            Imgproc.resize(g, out, new Size(gw, gh), 0, 0, Imgproc.INTER_AREA);
            return out;
        } finally {
            m.release();
            g.release();
        }
    }

    private void releaseKey() {
        if (greyKey != null) {
            greyKey.release();
            greyKey = null;
            greyKeyOwner = null;
        }
    }

    /** Frees the cached key image. */
    @Override
    public synchronized void close() {
        releaseKey();
    }

    @Override
    public FeatureMap warp(FeatureMap keyFeatures, FlowField flow) {
        return set.warp(keyFeatures, flow);
    }

}
