package dev.bellman.control.sde;

import ai.djl.ndarray.NDArray;

/**
 * One integrator step as seen by a {@link StepHandler}. The arrays live only until the handler
 * returns (they belong to the step's scope): copy out what you keep, or detach it with
 * {@code NDScope.unregister} and close it yourself.
 *
 * @param index k
 * @param time tₖ
 * @param dt tₖ₊₁ − tₖ
 * @param t tₖ as (B, 1)
 * @param state xₖ (B, d)
 * @param action aₖ (B, m)
 * @param next xₖ₊₁ (B, d)
 */
public record StepEvent(int index, double time, double dt, NDArray t, NDArray state, NDArray action, NDArray next) {}
