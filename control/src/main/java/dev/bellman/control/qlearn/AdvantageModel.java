package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.nn.Parameter;
import java.util.List;

/**
 * An advantage rate q_ψ(x, a) = q̃(x, a) − q̃(x, a_ω(x)) with its actor a_ω = argmax_a q̃ built in, so that
 * max_a q_ψ = q_ψ(x, a_ω(x)) = 0 by construction (DESIGN.md §1.2). Shapes: normalised states x̃ (B, d), actions
 * a (B, m).
 */
interface AdvantageModel extends AutoCloseable {

    /** a_ω(x) (B, m). */
    NDArray actor(NDArray xn);

    /** q_ψ(x, a) (B, 1), ≤ 0, and 0 at a = a_ω(x) (to rounding). */
    NDArray advantageRate(NDArray xn, NDArray a);

    /**
     * The behaviour action (B, m): the actor moved by {@code noise} (B, m) in the model's action coordinates
     * (a + noise, or a·e^{noise} for a log coordinate), projected onto the action space.
     */
    NDArray explore(NDArray xn, NDArray noise);

    /** The parameters, all trained by gradient steps. */
    List<Parameter> parameters();

    /** c, the reward-rate scale that multiplies q̃ (so that the curvature parameters start at order one). */
    void setRewardScale(double c);

    @Override
    void close();
}
