package dev.bellman.samplers;

import ai.djl.ndarray.NDArray;

/**
 * One accepted step of a sampler, as a {@link SamplerListener} sees it. {@code state} is the live
 * sampler state after the step: read it (copy out what you keep), never modify or close it.
 *
 * @param index k, counting accepted steps from 0
 * @param plannedSteps the number of steps of a fixed grid, or −1 for an adaptive solver
 * @param tau generative time τ_{k+1} reached by the step (0 ≤ τ ≤ T − ε)
 * @param dtau the step's size in τ
 * @param evaluations network evaluations so far
 * @param state x (B, D) at τ_{k+1}
 */
public record SamplerStep(int index, int plannedSteps, double tau, double dtau, long evaluations, NDArray state) {}
