package dev.bellman.control.optim;

import dev.bellman.control.nn.ParameterSnapshot;

/**
 * Everything Adam needs to resume bit for bit: the step count and both moment estimates.
 *
 * @param step updates done so far
 * @param firstMoment m, by parameter
 * @param secondMoment v, by parameter
 */
public record AdamState(long step, ParameterSnapshot firstMoment, ParameterSnapshot secondMoment) {
    public AdamState {
        if (step < 0 || firstMoment == null || secondMoment == null) {
            throw new IllegalArgumentException("an Adam state needs a step ≥ 0 and both moments");
        }
    }
}
