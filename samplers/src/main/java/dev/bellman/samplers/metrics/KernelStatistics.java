package dev.bellman.samplers.metrics;

/**
 * Pairwise two-sample statistics of samples X (n) and Y (m).
 *
 * @param mmd2 unbiased MMD² (Gretton et al. 2012, eq. 3) summed over the RBF bandwidths: the
 *     within-sample means exclude the diagonal, so it is ≈ 0 (and can be negative) when X ~ Y
 * @param energy energy distance 2E‖X − Y‖ − E‖X − X'‖ − E‖Y − Y'‖ (Székely &amp; Rizzo 2013) with the
 *     within-sample means over distinct pairs (unbiased)
 */
public record KernelStatistics(double mmd2, double energy) {}
