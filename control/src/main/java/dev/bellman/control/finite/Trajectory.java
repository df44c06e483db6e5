package dev.bellman.control.finite;

/**
 * One closed-loop path under the learned policy, for plots.
 *
 * @param times t₀ = 0 &lt; … &lt; t_N = T
 * @param states x(tₖ) (N + 1, d)
 */
public record Trajectory(double[] times, double[][] states) {}
