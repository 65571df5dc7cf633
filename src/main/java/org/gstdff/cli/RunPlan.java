package org.gstdff.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The configurations a measuring command ({@code bench}, {@code eval}) runs side by side, in order: frame mode, then
 * at each interval each mode (dff and track with each flow); and the untimed warm-up before them. Without one the
 * first configuration after frame mode paid for the process warming up (Java compiling the per-frame code,
 * TensorFlow preparing the flow network's kernels): in one bench the first flow's stage took 7.8 ms a frame over its
 * first 30 frames and 5.8 over its whole run against ~4.2 for the same flow later (docs/ABLATION.md).
 */
final class RunPlan {

    static final int DEFAULT_WARM_UP = 100;

    static final String WARM_UP_HELP = "frames each configuration runs untimed before the measured runs, "
            + "so that none pays for the process warming up (0: none; default: ${DEFAULT-VALUE})";

    /** One configuration: {@code properties} are the dff element's. */
    record Config(String mode, String flow, String properties, int interval) {
        /** The mode and flow as the bench's tables name a run: the mode alone where it takes no flow. */
        String name() {
            return flow.equals("-") ? mode : mode + " " + flow;
        }
    }

    /** Runs one configuration over a number of frames. */
    interface Pass {
        void run(Config config, int frames) throws Exception;
    }

    private RunPlan() {
    }

    /** Frame mode, then at each interval each mode, dff and track with each flow. */
    static List<Config> of(List<Integer> intervals, List<String> modes, List<FlowOption> flows) {
        List<Config> plan = new ArrayList<>();
        plan.add(new Config("frame", "-", "mode=frame", 1));
        for (int l : intervals) {
            for (String mode : modes) {
                if (mode.equals("hold")) {
                    plan.add(new Config(mode, "-", "mode=hold", l));
                    continue;
                }
                for (FlowOption f : flows) {
                    plan.add(new Config(mode, f.name(), "mode=" + mode + " " + f.properties(), l));
                }
            }
        }
        return plan;
    }

    /** Refuses a negative warm-up. */
    static void checkWarmUp(int frames) throws Main.UsageException {
        if (frames < 0) {
            throw new Main.UsageException("--warm-up expects a number of frames >= 0, got " + frames);
        }
    }

    /**
     * Runs each distinct configuration once over {@code frames} frames (at the first interval it appears at: the
     * interval changes no code a frame runs), its figures dropped; none where {@code frames} is 0.
     */
    static void warmUp(List<Config> plan, int frames, Pass pass) throws Exception {
        if (frames == 0) {
            return;
        }
        Set<String> done = new LinkedHashSet<>();
        for (Config c : plan) {
            if (done.add(c.properties())) {
                System.err.printf("warming up: %s over %d frames%n", c.properties(), frames);
                pass.run(c, frames);
            }
        }
    }
}
