package org.gstdff.train;

import java.util.ArrayList;
import java.util.List;

import org.gstdff.model.GraphLayers;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * The DFF flow network F, FlowNet-S style and small: the (current, key) frame pair at the feature grid's size,
 * an encoder of stride-2 convolutions (one per entry of {@code widths}), a decoder that predicts flow at the
 * coarsest level and refines it level by level (bilinear upsampling, skip connection, convolution, residual
 * flow) up to half the grid, then a bilinear upsampling to the grid. Flow is in feature-map pixels, current frame
 * to key frame. The scale field (one channel per feature channel) is a 1x1 convolution of the last decoder
 * features whose weights start at 0 and bias at 1, so an untrained network scales by exactly 1; the flow heads
 * start at 0 too, so training starts from the zero-flow baseline.
 * <p>
 * Parameters come from a {@link Params} source: constants for an exported model, variables for training; the graph
 * is the same.
 */
public final class FlowNetwork {

    /** How a parameter starts. */
    public enum Init {
        /** He-scaled normal. */
        HE,
        ZERO,
        ONE
    }

    /** Supplies each parameter by name and shape. */
    public interface Params {
        Operand<TFloat32> get(Ops tf, String name, Init init, long... shape);
    }

    /**
     * @param gridWidth  feature grid width (the output's)
     * @param gridHeight feature grid height
     * @param channels   feature channels C (the scale field's)
     * @param widths     encoder widths, finest first; their count is the depth
     */
    public record Config(int gridWidth, int gridHeight, int channels, List<Integer> widths) {
        public Config {
            widths = List.copyOf(widths);
            if (widths.isEmpty()) {
                throw new IllegalArgumentException("the flow network needs at least one encoder level");
            }
        }
    }

    /** The network's two outputs. */
    public record Outputs(Operand<TFloat32> flow, Operand<TFloat32> scale) {
    }

    private FlowNetwork() {
    }

    public static Outputs build(Ops tf, Operand<TUint8> image, Operand<TUint8> key, Config c, Params p) {
        // the pair at the feature grid's size; level 0 of the encoder has half that resolution, and the flow and
        // scale predicted there are upsampled to the grid (a full-resolution decoder level cost ~10 ms on 2 cores)
        int inW = c.gridWidth();
        int inH = c.gridHeight();
        Operand<TFloat32> half = tf.constant(0.5f);
        Operand<TFloat32> x = tf.concat(List.of(
                tf.math.sub(GraphLayers.normalisedInput(tf, image, inW, inH), half),
                tf.math.sub(GraphLayers.normalisedInput(tf, key, inW, inH), half)), tf.constant(3));
        // encoder: level i has stride 2^(i+1) relative to the input; level 0 is the feature grid
        List<Operand<TFloat32>> levels = new ArrayList<>();
        long in = 6;
        for (int i = 0; i < c.widths().size(); i++) {
            long w = c.widths().get(i);
            x = GraphLayers.conv(tf, x, p.get(tf, "enc" + i + "_w", Init.HE, 3, 3, in, w),
                    p.get(tf, "enc" + i + "_b", Init.ZERO, w), 2, true);
            levels.add(x);
            in = w;
        }
        // decoder: coarse flow, then refine up to level 0
        int deepest = levels.size() - 1;
        Operand<TFloat32> feat = levels.get(deepest);
        Operand<TFloat32> flow = GraphLayers.conv(tf, feat, p.get(tf, "flow" + deepest + "_w", Init.ZERO, 3, 3, in, 2),
                p.get(tf, "flow" + deepest + "_b", Init.ZERO, 2), 1, false);
        long featW = in;
        for (int i = deepest - 1; i >= 0; i--) {
            Operand<TFloat32> skip = levels.get(i);
            var hw = tf.slice(tf.shape(skip), tf.constant(new int[] {1}), tf.constant(new int[] {2}));
            Operand<TFloat32> upFeat = tf.image.resizeBilinear(feat, hw);
            Operand<TFloat32> upFlow = tf.image.resizeBilinear(flow, hw);
            long w = c.widths().get(i);
            feat = GraphLayers.conv(tf, tf.concat(List.of(upFeat, skip, upFlow), tf.constant(3)),
                    p.get(tf, "dec" + i + "_w", Init.HE, 3, 3, featW + w + 2, w), p.get(tf, "dec" + i + "_b", Init.ZERO,
                            w), 1, true);
            featW = w;
            Operand<TFloat32> residual = GraphLayers.conv(tf, feat, p.get(tf, "flow" + i + "_w", Init.ZERO, 3, 3, w, 2),
                    p.get(tf, "flow" + i + "_b", Init.ZERO, 2), 1, false);
            flow = tf.math.add(upFlow, residual);
        }
        Operand<TFloat32> scale = GraphLayers.conv(tf, feat, p.get(tf, "scale_w", Init.ZERO, 1, 1, featW, c.channels()),
                p.get(tf, "scale_b", Init.ONE, c.channels()), 1, false);
        Operand<TInt32> grid = tf.constant(new int[] {c.gridHeight(), c.gridWidth()});
        // flow is in feature-grid pixels already (every level predicts in those units): resizing keeps its values
        return new Outputs(tf.image.resizeBilinear(flow, grid), tf.image.resizeBilinear(scale, grid));
    }

}
