package dev.bellman.control.hjb;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.generator.ControlledSde;
import java.util.OptionalDouble;

/**
 * A stochastic control problem in reward form (DESIGN.md §1.0): maximise
 * E[∫₀^T e^{−ρt} r(t, Xₜ, aₜ) dt + e^{−ρT} g(X_T)] over admissible actions, with T = ∞ and no g for
 * stationary problems. A cost-minimising problem enters as r = −cost, g = −terminal cost.
 */
public interface ControlProblem extends ControlledSde {

    /** r(t, x, a) (B, 1), a reward rate. */
    NDArray reward(NDArray t, NDArray x, NDArray a);

    /** ρ ≥ 0. */
    double discountRate();

    /** T, or empty for an infinite horizon. */
    OptionalDouble horizon();

    /** g(x) (B, 1) at the horizon; only for finite-horizon problems. */
    default NDArray terminalReward(NDArray x) {
        throw new UnsupportedOperationException("an infinite-horizon problem has no terminal reward");
    }

    /** The admissible actions. */
    ActionSpace actionSpace();

    /** States to train on. */
    StateSampler trainingStates();

    /** States to report errors on (fixed, seeded). */
    StateSampler evaluationStates();

    /** Whether the problem is stationary (infinite horizon; V does not depend on t). */
    default boolean stationary() {
        return horizon().isEmpty();
    }
}
