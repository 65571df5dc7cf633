package org.gstdff.model;

import org.gstdff.engine.FrameImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Frames as grey images at a given size, made with OpenCV straight from the frame tensors' memory. */
final class GreyFrames {

    private GreyFrames() {
    }

    /** The frame as a CV_8UC1 grey image of width x height (area-averaged): no copy of the frame into Java. */
    static Mat of(FrameImage frame, int width, int height) {
        DisFlowNet.loadNative();
        TfFrameImage image = (TfFrameImage) frame;
        Mat rgb = new Mat(image.height(), image.width(), CvType.CV_8UC3, TensorMemory.bytes(image.tensor()));
        Mat g = new Mat();
        Mat out = new Mat();
        try {
            Imgproc.cvtColor(rgb, g, Imgproc.COLOR_RGB2GRAY);
            Imgproc.resize(g, out, new Size(width, height), 0, 0, Imgproc.INTER_AREA);
            return out;
        } finally {
            rgb.release();
            g.release();
        }
    }

    /** The frame's grey levels (0-255) at width x height as floats, row-major (converted by OpenCV). */
    static float[] levels(FrameImage frame, int width, int height) {
        Mat g = of(frame, width, height);
        Mat f = new Mat();
        try {
            g.convertTo(f, CvType.CV_32F);
            float[] out = new float[width * height];
            f.get(0, 0, out);
            return out;
        } finally {
            g.release();
            f.release();
        }
    }
}
