package org.gstdff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.gstdff.train.FlowTrainer;
import org.junit.jupiter.api.Test;

class TrainFlowPhasesTest {

    private static final List<FlowTrainer.Phase> PHASES = List.of(FlowTrainer.Phase.synthetic("synthetic", 100),
            new FlowTrainer.Phase("teacher", 0, 1f, 0f), FlowTrainer.Phase.unsupervised("unsupervised", 0, 0f, 1f, 4f),
            new FlowTrainer.Phase("feature", 0, 0.1f, 1f),
            FlowTrainer.Phase.task("task", 50, true));

    @Test
    void anchorStepsAreChartedApartFromTheSyntheticPhase() {
        assertEquals(0, TrainFlowCommand.phaseIndex(PHASES, "synthetic"));
        assertEquals(4, TrainFlowCommand.phaseIndex(PHASES, "task"));
        assertEquals(TrainFlowCommand.ANCHOR_GROUP, TrainFlowCommand.phaseIndex(PHASES, "task-anchor"));
        assertThrows(IllegalArgumentException.class, () -> TrainFlowCommand.phaseIndex(PHASES, "other"));
    }

    @Test
    void anAnchoredPhaseEndsAfterItsAnchorSteps() {
        // the checkpoint after "task" falls at step 100 + 2 x 50, not mid-phase at 150
        assertEquals(100, PHASES.get(4).reportedSteps());
        assertEquals(100, PHASES.get(0).reportedSteps());
    }
}
