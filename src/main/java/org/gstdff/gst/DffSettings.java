package org.gstdff.gst;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.gstdff.engine.DffEngine;
import org.gstdff.engine.Mode;
import org.gstdff.model.Device;
import org.gstdff.model.DisFlowNet;
import org.gstdff.model.FlowPrecision;
import org.gstdff.model.FlowRefine;

/**
 * The {@code dff} element's settings, typed: what its properties say at one moment ({@link #of}). The enums here
 * (and {@link Mode}, {@link Device}, {@link DisFlowNet.Preset}, {@link FlowRefine}, {@link FlowPrecision}) give the
 * property specs their choices.
 */
public record DffSettings(Path model, int keyInterval, DffEngine.KeyPolicy keyPolicy, int minKeyInterval,
        double keyRate, double keyThreshold, Mode mode, double threshold, Device device, int threads, Flow flow,
        DisFlowNet.Preset disPreset, int disWidth, FlowPath flowPath, FlowRefine flowRefine,
        FlowPrecision flowPrecision, LivePolicy livePolicy, boolean staggerKeys, int maxQueue, double statsInterval) {

    /** Where the flow comes from. */
    public enum Flow {
        /** OpenCV's DIS optical flow. */
        DIS,
        /** The model set's flow network. */
        MODEL
    }

    /** How a frame's flow to its key frame is estimated. */
    public enum FlowPath {
        /** Chain with DIS, direct with the set's network. */
        AUTO,
        /** Frame to frame, composed back to the key frame. */
        CHAIN,
        /** One estimate straight to the key frame. */
        DIRECT
    }

    /** What happens when frames arrive faster than inference. */
    public enum LivePolicy {
        /** Wait: never lose a frame (files). */
        BLOCK,
        /** Drop the oldest waiting frame before inference: latency stays bounded (live cameras). */
        DROP,
        /** Drop, and postpone a due key frame while frames wait. */
        PROPAGATE
    }

    /** The lower-case names of an enum's constants, as properties take them ({@code scene_cut} as scene-cut). */
    static List<String> nicks(Class<? extends Enum<?>> e) {
        return Arrays.stream(e.getEnumConstants()).map(DffSettings::nick).toList();
    }

    static String nick(Enum<?> v) {
        return v.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <E extends Enum<E>> E parse(Class<E> e, String nick) {
        for (E v : e.getEnumConstants()) {
            if (nick(v).equals(nick)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no " + e.getSimpleName() + " '" + nick + "'");
    }

    /** The settings the properties hold now (they are validated as they are set). */
    static DffSettings of(ElementProperties p) {
        String model = p.getString("model");
        return new DffSettings(model == null ? null : Path.of(model), p.getInt("key-interval"),
                parse(DffEngine.KeyPolicy.class, p.getString("key-policy")), p.getInt("min-key-interval"),
                p.getDouble("key-rate"), p.getDouble("key-threshold"), Mode.parse(p.getString("mode")),
                p.getDouble("threshold"), Device.parse(p.getString("device")), p.getInt("threads"),
                parse(Flow.class, p.getString("flow")), DisFlowNet.Preset.parse(p.getString("dis-preset")),
                p.getInt("dis-width"), parse(FlowPath.class, p.getString("flow-path")),
                FlowRefine.parse(p.getString("flow-refine")), FlowPrecision.parse(p.getString("flow-precision")),
                parse(LivePolicy.class, p.getString("live-policy")), p.getBoolean("stagger-keys"),
                p.getInt("max-queue"), p.getDouble("stats-interval"));
    }

    /**
     * flow-path resolved: auto chains DIS flow, and the set's network only where the set says it was trained on
     * consecutive frames.
     */
    public boolean chainFlow(boolean networkChains) {
        return flowPath == FlowPath.CHAIN || (flowPath == FlowPath.AUTO && (flow == Flow.DIS || networkChains));
    }

    /** The DIS settings with flow=dis, null with the set's network. */
    public DisFlowNet.Settings dis() {
        return flow == Flow.DIS ? new DisFlowNet.Settings(disPreset, disWidth) : null;
    }
}
