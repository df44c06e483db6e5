package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;

/**
 * Transitions (x, a, r̄, x', Δt), everything a model-free learner sees (DESIGN.md §1.2).
 *
 * @param x states (B, d)
 * @param a actions (B, m), held over the step
 * @param rewardRate r̄ (B, 1), the reward earned over the step divided by Δt
 * @param next x' (B, d)
 * @param dt Δt (B, 1), each &gt; 0
 */
public record TransitionBatch(NDArray x, NDArray a, NDArray rewardRate, NDArray next, NDArray dt) {
    /** B. */
    public long size() {
        return x.getShape().get(0);
    }
}
