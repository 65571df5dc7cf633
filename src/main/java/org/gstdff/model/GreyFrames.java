package org.gstdff.model;

import org.gstdff.engine.FrameImage;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Frames as grey images at a given size, made with OpenCV straight from the frame tensors' memory. */
final class GreyFrames {

    private GreyFrames() {
    }

    /**
     * The frame as a CV_8UC1 grey image of width x height (bilinear): no copy of the frame into Java. Bilinear, not
     * area-averaged: OpenCV's area resize at a ratio that is not whole (768x576 to 256x256 or 512x512) took 1-1.5 ms
     * a frame against ~0.1, and DIS and the Lucas-Kanade step agree as much either way on vtest (docs/ABLATION.md).
     */
    static Mat of(FrameImage frame, int width, int height) {
        DisFlowNet.loadNative();
        TfFrameImage image = (TfFrameImage) frame;
        Mat rgb = new Mat(image.height(), image.width(), CvType.CV_8UC3, TensorMemory.bytes(image.tensor()));
        Mat g = new Mat();
        Mat out = new Mat();
        try {
            Imgproc.cvtColor(rgb, g, Imgproc.COLOR_RGB2GRAY);
            Imgproc.resize(g, out, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
            return out;
        } finally {
            rgb.release();
            g.release();
        }
    }

    /**
     * The frame's grey image as {@link org.gstdff.core.LucasKanade#smooth} makes it from {@link #of}'s grey levels
     * (to 0-1, 3x3 binomial blur, the border mirrored about its pixel), made by OpenCV: one Java copy, no Java pass.
     */
    static float[] smoothed(FrameImage frame, int width, int height) {
        Mat g = of(frame, width, height);
        Mat f = new Mat();
        Mat blurred = new Mat();
        try {
            g.convertTo(f, CvType.CV_32F, 1.0 / 255.0);
            // a 3-tap Gaussian with sigma 0 is OpenCV's fixed (1, 2, 1) / 4 kernel
            Imgproc.GaussianBlur(f, blurred, new Size(3, 3), 0, 0, Core.BORDER_REFLECT_101);
            float[] out = new float[width * height];
            blurred.get(0, 0, out);
            return out;
        } finally {
            g.release();
            f.release();
            blurred.release();
        }
    }
}
