package dev.bellman.samplers;

import ai.djl.ndarray.NDArray;

/**
 * Samples and what they cost.
 *
 * @param samples x (n, D) at τ = T − ε, in the manager the caller passed
 * @param steps accepted steps (a fixed grid's N, or an adaptive solver's count)
 * @param evaluations NFE, network evaluations of the control
 * @param wallSeconds wall-clock time of the integration (prior draw included)
 */
public record SampleResult(NDArray samples, int steps, long evaluations, double wallSeconds) {}
