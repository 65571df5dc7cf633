package org.gstdff.train;

import java.util.List;

import org.gstdff.core.LucasKanade;
import org.gstdff.model.FeatureWarp;
import org.gstdff.model.GraphLayers;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The Lucas-Kanade steps ({@link LucasKanade}) as graph ops, so that a flow network can be trained through them: a
 * loss on the refined flow is a loss on the flow as the engine uses it, and the network learns to land within the
 * steps' reach where they are precise (there the refined flow hardly depends on where it started, so its gradient
 * fades) and to be right itself where they cannot help (flat texture, motion beyond their reach). The same field as
 * {@link LucasKanade#refine} to float rounding (LucasKanadeGraphTest), still cells included; differentiable in the
 * flow (the grey images and the still cells are constants to it).
 */
final class LucasKanadeGraph {

    private LucasKanadeGraph() {
    }

    /**
     * A frame's grey image as the engine makes it (model.GreyFrames: OpenCV's grey levels, a bilinear resize with
     * half-pixel centres, each rounded to whole levels, then {@link LucasKanade#smooth}): float [1,height,width,1].
     *
     * @param frame uint8 [1,H,W,3] RGB
     */
    static Operand<TFloat32> greyImage(Ops tf, Operand<TUint8> frame, int width, int height) {
        Operand<TFloat32> rgb = tf.dtypes.cast(frame, TFloat32.class);
        Operand<TFloat32> levels = tf.math.round(tf.nn.conv2d(rgb, tf.constant(Shape.of(1, 1, 3, 1),
                DataBuffers.of(0.299f, 0.587f, 0.114f)), List.of(1L, 1L, 1L, 1L), "VALID"));
        Operand<TFloat32> resized = tf.math.round(tf.image.resizeBilinear(levels, tf.constant(new int[] {height,
            width}), ResizeBilinear.halfPixelCenters(true)));
        // the 3x3 binomial blur, the border mirrored about its pixel (OpenCV's BORDER_REFLECT_101, TF's REFLECT)
        Operand<TFloat32> padded = tf.mirrorPad(resized, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}),
                "REFLECT");
        float[] kernel = new float[9];
        float[] taps = {1, 2, 1};
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                kernel[y * 3 + x] = taps[y] * taps[x] / (16f * 255f);
            }
        }
        return tf.stopGradient(tf.nn.conv2d(padded, tf.constant(Shape.of(3, 3, 1, 1), DataBuffers.of(kernel)),
                List.of(1L, 1L, 1L, 1L), "VALID"));
    }

    /**
     * The refined field, as {@link LucasKanade#refine}.
     *
     * @param flow    float [1,gh,gw,2], (dx, dy) in cells, current frame to key frame
     * @param current the current frame's grey image, float [1,gh*scale,gw*scale,1] ({@link #greyImage})
     * @param key     the key (or previous) frame's, the same
     * @return float [1,gh,gw,2]
     */
    static Operand<TFloat32> refine(Ops tf, Operand<TFloat32> flow, Operand<TFloat32> current, Operand<TFloat32> key,
            LucasKanade.Settings s, int gw, int gh) {
        int k = s.scale();
        int w = gw * k;
        int h = gh * k;
        int r = s.windowCells() / 2;
        Operand<TFloat32> cur = tf.stopGradient(current);
        Operand<TFloat32> ref = tf.stopGradient(key);
        Operand<TFloat32> stepped = s.still() > 0 ? steppedCells(tf, cur, ref, s) : null;
        if (stepped != null) {
            flow = tf.math.mul(flow, stepped);
        }
        Operand<TFloat32> xs = coordinates(tf, w, 1, w);
        Operand<TFloat32> ys = coordinates(tf, h, h, 1);
        Operand<TFloat32> zero = tf.constant(0f);
        Operand<TFloat32> xMax = tf.constant((float) (w - 1));
        Operand<TFloat32> yMax = tf.constant((float) (h - 1));
        // the pixels a central difference is defined at: the image's outermost rows and columns do not count
        float[] interior = new float[w * h];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                interior[y * w + x] = 1;
            }
        }
        Operand<TFloat32> inner = tf.constant(Shape.of(1, h, w), DataBuffers.of(interior));
        Operand<TFloat32> dxFilter = tf.constant(Shape.of(1, 3, 1, 1), DataBuffers.of(-0.25f, 0f, 0.25f));
        Operand<TFloat32> dyFilter = tf.constant(Shape.of(3, 1, 1, 1), DataBuffers.of(-0.25f, 0f, 0.25f));
        Operand<TFloat32> curDx = tf.nn.conv2d(cur, dxFilter, List.of(1L, 1L, 1L, 1L), "SAME");
        Operand<TFloat32> curDy = tf.nn.conv2d(cur, dyFilter, List.of(1L, 1L, 1L, 1L), "SAME");
        float lambda = s.lambda() * s.window() * s.window();
        for (int i = 0; i < s.iterations(); i++) {
            Operand<TFloat32> pixels = tf.math.mul(tf.image.resizeBilinear(flow, tf.constant(new int[] {h, w}),
                    ResizeBilinear.halfPixelCenters(true)), tf.constant((float) k));
            Operand<TFloat32> sx = tf.math.add(tf.gather(pixels, tf.constant(0), tf.constant(3)), xs); // [1,h,w]
            Operand<TFloat32> sy = tf.math.add(tf.gather(pixels, tf.constant(1), tf.constant(3)), ys);
            Operand<TFloat32> sxc = tf.stopGradient(sx);
            Operand<TFloat32> syc = tf.stopGradient(sy);
            Operand<TFloat32> inside = tf.math.mul(inner, tf.dtypes.cast(tf.math.logicalAnd(tf.math.logicalAnd(
                    tf.math.greaterEqual(sxc, zero), tf.math.lessEqual(sxc, xMax)), tf.math.logicalAnd(
                            tf.math.greaterEqual(syc, zero), tf.math.lessEqual(syc, yMax))), TFloat32.class));
            // sampled clamped into the image, so the warped image's gradient is defined everywhere
            Operand<TFloat32> clamped = tf.stack(List.of(tf.math.sub(tf.clipByValue(sx, zero, xMax), xs),
                    tf.math.sub(tf.clipByValue(sy, zero, yMax), ys)), Stack.axis(3L));
            Operand<TFloat32> warped = FeatureWarp.warp(tf, ref, clamped, null); // [1,h,w,1]
            Operand<TFloat32> m = tf.expandDims(inside, tf.constant(-1));
            Operand<TFloat32> ix = tf.math.mul(tf.math.add(curDx, tf.nn.conv2d(warped, dxFilter,
                    List.of(1L, 1L, 1L, 1L), "SAME")), m);
            Operand<TFloat32> iy = tf.math.mul(tf.math.add(curDy, tf.nn.conv2d(warped, dyFilter,
                    List.of(1L, 1L, 1L, 1L), "SAME")), m);
            Operand<TFloat32> it = tf.math.sub(warped, cur);
            Operand<TFloat32> xx = windowSum(tf, tf.math.mul(ix, ix), k, r);
            Operand<TFloat32> xy = windowSum(tf, tf.math.mul(ix, iy), k, r);
            Operand<TFloat32> yy = windowSum(tf, tf.math.mul(iy, iy), k, r);
            Operand<TFloat32> xt = windowSum(tf, tf.math.mul(ix, it), k, r);
            Operand<TFloat32> yt = windowSum(tf, tf.math.mul(iy, it), k, r);
            Operand<TFloat32> a = tf.math.add(xx, tf.constant(lambda));
            Operand<TFloat32> d = tf.math.add(yy, tf.constant(lambda));
            Operand<TFloat32> det = tf.math.sub(tf.math.mul(a, d), tf.math.mul(xy, xy));
            Operand<TFloat32> one = tf.constant(1f);
            Operand<TFloat32> minusOne = tf.constant(-1f);
            Operand<TFloat32> incX = tf.clipByValue(tf.math.div(tf.math.sub(tf.math.mul(xy, yt), tf.math.mul(d, xt)),
                    det), minusOne, one);
            Operand<TFloat32> incY = tf.clipByValue(tf.math.div(tf.math.sub(tf.math.mul(xy, xt), tf.math.mul(a, yt)),
                    det), minusOne, one);
            Operand<TFloat32> increment = tf.math.mul(tf.concat(List.of(incX, incY), tf.constant(3)),
                    tf.constant(1f / k));
            flow = tf.math.add(flow, stepped != null ? tf.math.mul(increment, stepped) : increment);
        }
        return flow;
    }

    /**
     * 1 at the cells a step moves: within the window's half side, in cells each way, of a cell with a pixel where
     * the two frames differ by more than {@link LucasKanade.Settings#still}; [1,gh,gw,1].
     */
    private static Operand<TFloat32> steppedCells(Ops tf, Operand<TFloat32> cur, Operand<TFloat32> key,
            LucasKanade.Settings s) {
        int k = s.scale();
        int side = s.windowCells();
        Operand<TFloat32> changed = tf.dtypes.cast(tf.math.greater(tf.math.abs(tf.math.sub(cur, key)),
                tf.constant(s.still())), TFloat32.class);
        Operand<TFloat32> cells = tf.nn.maxPool(changed, tf.constant(new int[] {1, k, k, 1}),
                tf.constant(new int[] {1, k, k, 1}), "VALID");
        return tf.stopGradient(tf.nn.maxPool(cells, tf.constant(new int[] {1, side, side, 1}),
                tf.constant(new int[] {1, 1, 1, 1}), "SAME"));
    }

    /** Each cell's sum of its k x k pixels, then the sums over the (2r+1)^2 cells around it, zero past the border. */
    private static Operand<TFloat32> windowSum(Ops tf, Operand<TFloat32> pixels, int k, int r) {
        Operand<TFloat32> cells = tf.nn.conv2d(pixels, GraphLayers.filled(tf, 1f, k, k, 1, 1), List.of(1L, (long) k,
                (long) k, 1L), "VALID");
        return tf.nn.conv2d(cells, GraphLayers.filled(tf, 1f, 2 * r + 1, 2 * r + 1, 1, 1), List.of(1L, 1L, 1L, 1L),
                "SAME");
    }

    /** 0, 1, ..., n-1 along one axis, shaped [1, rows, columns] with the other axis 1. */
    private static Operand<TFloat32> coordinates(Ops tf, int n, int rows, int columns) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return tf.constant(Shape.of(1, rows, columns), DataBuffers.of(v));
    }
}
