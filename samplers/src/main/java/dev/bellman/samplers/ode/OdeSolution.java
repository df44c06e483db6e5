package dev.bellman.samplers.ode;

import ai.djl.ndarray.NDArray;

/**
 * The end of an ODE solve.
 *
 * @param state y at the final time (B, n), owned by the caller
 * @param acceptedSteps accepted steps
 * @param rejectedSteps rejected step attempts
 * @param evaluations right-hand-side evaluations (the initial one and the step-size probe included)
 */
public record OdeSolution(NDArray state, int acceptedSteps, int rejectedSteps, long evaluations) {}
