package org.gstdff.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gstdff.model.FeatureWarp;
import org.gstdff.model.GraphLayers;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * The DFF flow network F, FlowNet-S style and small: the (current, key) frame pair at the feature grid's size (or
 * twice it, {@link Config#inputScale}),
 * an encoder of stride-2 convolutions (one per entry of {@code widths}), a decoder that predicts flow at the
 * coarsest level and refines it level by level (bilinear upsampling, skip connection, convolution, residual
 * flow) up to level 0 (half the input: half the grid, or the grid itself at input scale 2), then a bilinear
 * upsampling to the grid. Flow is in feature-map pixels, current frame
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
     * @param correlation 0: the FlowNet-S layout (the pair stacked into one encoder); r > 0: the PWC-Net layout,
     *                    each frame through a shared encoder and a cost volume (correlation over displacements
     *                    within +-r) at every level, the key frame's map warped by the coarser flow
     * @param inputScale  the frames at 1 or 2 times the grid's size
     * @param finestLevel the finest level the decoder refines to (0: all of them), its flow then upsampled to the
     *                    grid: at input scale 2, level 1 keeps the finer input for the encoder at the decoder's cost
     *                    of input scale 1
     */
    public record Config(int gridWidth, int gridHeight, int channels, List<Integer> widths, int correlation,
            int inputScale, int finestLevel) {
        public Config {
            widths = List.copyOf(widths);
            if (widths.isEmpty()) {
                throw new IllegalArgumentException("the flow network needs at least one encoder level");
            }
            if (correlation < 0) {
                throw new IllegalArgumentException("correlation radius must be >= 0, got " + correlation);
            }
            if (inputScale != 1 && inputScale != 2) {
                throw new IllegalArgumentException("input scale is 1 or 2 (times the feature grid), got "
                        + inputScale);
            }
            if (finestLevel < 0 || finestLevel >= widths.size()) {
                throw new IllegalArgumentException("the decoder's finest level is one of the " + widths.size()
                        + " encoder levels (0-" + (widths.size() - 1) + "), got " + finestLevel);
            }
        }

        public Config(int gridWidth, int gridHeight, int channels, List<Integer> widths, int correlation,
                int inputScale) {
            this(gridWidth, gridHeight, channels, widths, correlation, inputScale, 0);
        }

        public Config(int gridWidth, int gridHeight, int channels, List<Integer> widths, int correlation) {
            this(gridWidth, gridHeight, channels, widths, correlation, 1);
        }

        public Config(int gridWidth, int gridHeight, int channels, List<Integer> widths) {
            this(gridWidth, gridHeight, channels, widths, 0);
        }

        /** The same network seeing the frames at {@code scale} times the grid's size (1 or 2). */
        public Config withInputScale(int scale) {
            return new Config(gridWidth, gridHeight, channels, widths, correlation, scale, finestLevel);
        }

        /** The same network with its decoder stopping at {@code level}. */
        public Config withFinestLevel(int level) {
            return new Config(gridWidth, gridHeight, channels, widths, correlation, inputScale, level);
        }

        /** Writes the architecture into a flow description (flow.json, a manifest's "flow"). */
        public void describe(Map<String, Object> flow) {
            flow.put("architecture", correlation > 0 ? "pwc-lite" : "flownet-s-lite");
            flow.put("widths", widths);
            flow.put("correlation_radius", correlation);
            flow.put("input_scale", inputScale);
            if (finestLevel > 0) { // older descriptions have no such field: the decoder went to level 0
                flow.put("finest_level", finestLevel);
            }
        }

        /**
         * The architecture a flow description gives, for a grid; null where it describes no network train-flow
         * makes (no widths).
         */
        public static Config described(Map<String, Object> flow, int gridWidth, int gridHeight, int channels) {
            if (!(flow.get("widths") instanceof List<?> ws) || ws.isEmpty()) {
                return null;
            }
            return new Config(gridWidth, gridHeight, channels, ws.stream().map(o -> ((Number) o).intValue())
                    .toList(), number(flow, "correlation_radius", 0), number(flow, "input_scale", 1),
                    number(flow, "finest_level", 0));
        }

        private static int number(Map<String, Object> flow, String key, int otherwise) {
            return ((Number) flow.getOrDefault(key, otherwise)).intValue();
        }
    }

    /** The scale field's parameters (a 1x1 convolution of the last decoder level). */
    static final String SCALE_W = "scale_w";
    static final String SCALE_B = "scale_b";

    /**
     * Whether parameters (by name, as {@link FlowModelWriter#values} reads them) leave the scale field exactly 1:
     * its weights 0 and bias 1, as initialised (only feature and task phases train it), so a manifest may say
     * {@code "scale": "unit"} and the engine skip it.
     */
    public static boolean hasUnitScale(Map<String, float[]> params) {
        float[] w = params.get(SCALE_W);
        float[] b = params.get(SCALE_B);
        if (w == null || b == null) {
            return false;
        }
        for (float x : w) {
            if (x != 0f) {
                return false;
            }
        }
        for (float x : b) {
            if (x != 1f) {
                return false;
            }
        }
        return true;
    }

    /** The network's two outputs. */
    public record Outputs(Operand<TFloat32> flow, Operand<TFloat32> scale) {
    }

    private FlowNetwork() {
    }

    /** A frame as the network sees it: at the feature grid's size times the input scale, centred on 0. */
    public static Operand<TFloat32> input(Ops tf, Operand<TUint8> frame, Config c) {
        return tf.math.sub(GraphLayers.normalisedInput(tf, frame, c.gridWidth() * c.inputScale(),
                c.gridHeight() * c.inputScale()), tf.constant(0.5f));
    }

    /**
     * The encoder: one stride-2 convolution per width, so level i has stride 2^(i+1) relative to the input (level 0
     * is half the feature grid); returns every level, finest first.
     */
    private static List<Operand<TFloat32>> encode(Ops tf, Operand<TFloat32> x, long in, String prefix, Config c,
            Params p) {
        List<Operand<TFloat32>> levels = new ArrayList<>();
        for (int i = 0; i < c.widths().size(); i++) {
            long w = c.widths().get(i);
            x = GraphLayers.conv(tf, x, p.get(tf, prefix + i + "_w", Init.HE, 3, 3, in, w),
                    p.get(tf, prefix + i + "_b", Init.ZERO, w), 2, true);
            levels.add(x);
            in = w;
        }
        return levels;
    }

    /** What a decoder level adds to its input: maps at the level's size and their total channel count. */
    private record Skip(List<Operand<TFloat32>> maps, long channels) {
    }

    /** A decoder level's extra inputs, given the coarser level's flow upsampled to it (in feature-grid pixels). */
    private interface Skips {
        Skip at(int level, Operand<TFloat32> upFlow);
    }

    /**
     * The decoder from the deepest level's features and flow up to level 0: at each level, upsampled features, the
     * level's skip maps and the upsampled flow go through a convolution that predicts a flow residual. Then the
     * scale field, and both outputs upsampled to the grid: flow is in feature-grid pixels at every level, so
     * resizing keeps its values.
     *
     * @param levels the encoder levels (for their sizes), finest first
     */
    private static Outputs decode(Ops tf, Config c, Params p, String dec, String fl, Operand<TFloat32> feat, long featW,
            Operand<TFloat32> flow, List<Operand<TFloat32>> levels, Skips skips) {
        for (int i = c.widths().size() - 2; i >= c.finestLevel(); i--) {
            var hw = tf.slice(tf.shape(levels.get(i)), tf.constant(new int[] {1}), tf.constant(new int[] {2}));
            Operand<TFloat32> upFlow = tf.image.resizeBilinear(flow, hw);
            Skip skip = skips.at(i, upFlow);
            List<Operand<TFloat32>> in = new ArrayList<>();
            in.add(tf.image.resizeBilinear(feat, hw));
            in.addAll(skip.maps());
            in.add(upFlow);
            long w = c.widths().get(i);
            feat = GraphLayers.conv(tf, tf.concat(in, tf.constant(3)),
                    p.get(tf, dec + i + "_w", Init.HE, 3, 3, featW + skip.channels() + 2, w),
                    p.get(tf, dec + i + "_b", Init.ZERO, w), 1, true);
            featW = w;
            flow = tf.math.add(upFlow, GraphLayers.conv(tf, feat, p.get(tf, fl + i + "_w", Init.ZERO, 3, 3, w, 2),
                    p.get(tf, fl + i + "_b", Init.ZERO, 2), 1, false));
        }
        Operand<TFloat32> scale = GraphLayers.conv(tf, feat, p.get(tf, SCALE_W, Init.ZERO, 1, 1, featW, c.channels()),
                p.get(tf, SCALE_B, Init.ONE, c.channels()), 1, false);
        Operand<TInt32> grid = tf.constant(new int[] {c.gridHeight(), c.gridWidth()});
        return new Outputs(tf.image.resizeBilinear(flow, grid), tf.image.resizeBilinear(scale, grid));
    }

    /**
     * The cost volume: for each displacement (dx, dy) within +-r, the channel mean of current(p) * key(p + d),
     * zero where p + d leaves the map; (2r+1)^2 channels, dx fastest.
     */
    static Operand<TFloat32> correlation(Ops tf, Operand<TFloat32> cur, Operand<TFloat32> key, int r) {
        Operand<TFloat32> padded = tf.pad(key, tf.constant(new int[][] {{0, 0}, {r, r}, {r, r}, {0, 0}}),
                tf.constant(0f));
        Operand<org.tensorflow.types.TInt32> size = tf.shape(cur);
        List<Operand<TFloat32>> maps = new ArrayList<>();
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                Operand<TFloat32> shifted = tf.slice(padded, tf.constant(new int[] {0, r + dy, r + dx, 0}), size);
                maps.add(tf.math.mean(tf.math.mul(cur, shifted), tf.constant(3), Mean.keepDims(true)));
            }
        }
        return tf.concat(maps, tf.constant(3));
    }

    /**
     * PWC-Net style: both frames through a shared encoder; at the deepest level a cost volume of the two maps starts
     * the flow; at each finer level the key frame's map is warped by the coarser flow and correlated again with the
     * current frame's, so each level searches +-r of its own pixels around what the coarser levels found (small,
     * fast objects that vanish at the coarse levels are found at the fine ones).
     */
    private static Outputs buildCorrelation(Ops tf, Operand<TFloat32> image, Operand<TFloat32> key, Config c,
            Params p) {
        List<Operand<TFloat32>> cur = encode(tf, image, 3, "senc", c, p);
        List<Operand<TFloat32>> ref = encode(tf, key, 3, "senc", c, p);
        int deepest = cur.size() - 1;
        int r = c.correlation();
        long cw = c.widths().get(deepest);
        Operand<TFloat32> cost = correlation(tf, cur.get(deepest), ref.get(deepest), r);
        long costCh = (2L * r + 1) * (2L * r + 1);
        Operand<TFloat32> feat = GraphLayers.conv(tf, tf.concat(List.of(cost, cur.get(deepest)), tf.constant(3)),
                p.get(tf, "cdec" + deepest + "_w", Init.HE, 3, 3, costCh + cw, cw),
                p.get(tf, "cdec" + deepest + "_b", Init.ZERO, cw), 1, true);
        Operand<TFloat32> flow = GraphLayers.conv(tf, feat, p.get(tf, "cflow" + deepest + "_w", Init.ZERO, 3, 3, cw, 2),
                p.get(tf, "cflow" + deepest + "_b", Init.ZERO, 2), 1, false);
        return decode(tf, c, p, "cdec", "cflow", feat, cw, flow, cur, (i, upFlow) -> {
            // level i has stride 2^(i+1) on the input, 2^(i+1) / inputScale on the grid: flow in its own pixels
            Operand<TFloat32> levelFlow = tf.math.div(upFlow, tf.constant((float) (1 << (i + 1)) / c.inputScale()));
            Operand<TFloat32> warpedRef = FeatureWarp.warp(tf, ref.get(i), levelFlow, null);
            return new Skip(List.of(cur.get(i), correlation(tf, cur.get(i), warpedRef, r)),
                    c.widths().get(i) + costCh);
        });
    }

    public static Outputs build(Ops tf, Operand<TUint8> image, Operand<TUint8> key, Config c, Params p) {
        return buildOnInputs(tf, input(tf, image, c), input(tf, key, c), c, p);
    }

    /** {@link #build} on the two frames' {@link #input}s. */
    public static Outputs buildOnInputs(Ops tf, Operand<TFloat32> image, Operand<TFloat32> key, Config c, Params p) {
        if (c.correlation() > 0) {
            return buildCorrelation(tf, image, key, c, p);
        }
        // the pair stacked; flow and scale are predicted at level 0 (half the input) and upsampled to the grid
        // (an extra full-resolution decoder level cost ~10 ms on 2 cores with wider layers)
        Operand<TFloat32> pair = tf.concat(List.of(image, key), tf.constant(3));
        List<Operand<TFloat32>> levels = encode(tf, pair, 6, "enc", c, p);
        int deepest = levels.size() - 1;
        long w = c.widths().get(deepest);
        Operand<TFloat32> flow = GraphLayers.conv(tf, levels.get(deepest),
                p.get(tf, "flow" + deepest + "_w", Init.ZERO, 3, 3, w, 2), p.get(tf, "flow" + deepest + "_b",
                        Init.ZERO, 2), 1, false);
        return decode(tf, c, p, "dec", "flow", levels.get(deepest), w, flow, levels,
                (i, upFlow) -> new Skip(List.of(levels.get(i)), c.widths().get(i)));
    }
}
