package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.random.StepSeed;

/**
 * A source of transitions and nothing else (DESIGN.md §1.2, model-free control): start states, and
 * for a state and an action held for Δt, the reward earned and the next state. A user plugs in their
 * own system by implementing this interface; {@link ProblemSimulator} wraps any
 * {@link dev.bellman.control.hjb.ControlProblem}.
 *
 * <p>Why a learner cannot read f or Σ: {@link QLearner} is built from an {@code Environment} (or a
 * {@link Task} and a {@link TransitionLog}), and neither type has a method that returns the problem,
 * its drift, diffusion or reward function; the simulator keeps its problem private. This is checked
 * by the compiler, not by convention.
 *
 * <p>Randomness comes from the caller's {@link StepSeed}, so a run replays exactly.
 */
public interface Environment extends Task {

    /**
     * n start states (n, d) drawn from the task's start distribution.
     *
     * @param seed this draw's randomness
     */
    NDArray reset(int n, StepSeed seed, NDManager manager, DataType dataType);

    /**
     * One step of length Δt from states x (B, d) with actions a (B, m) held over it.
     *
     * @param seed this step's randomness
     * @return the average reward rate over the step r̄ (B, 1) (the step earned r̄Δt) and the next state (B, d),
     *     both in x's manager
     */
    Outcome step(NDArray x, NDArray a, double dt, StepSeed seed);

    /**
     * What one step returns.
     *
     * @param rewardRate r̄ (B, 1): the reward earned over the step divided by Δt
     * @param next x' (B, d)
     */
    record Outcome(NDArray rewardRate, NDArray next) {}
}
