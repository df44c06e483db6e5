/**
 * The verification gap and identity of DESIGN.md §1.4: J(u) = V + G(u), estimated along the
 * controlled reverse SDE in generative time τ.
 *
 * <ul>
 *   <li>{@link dev.bellman.diffusion.gap.VerificationGap}: the estimator ({@code estimate}, {@code eulerBias}).</li>
 *   <li>{@code HostRollout} (package-private): the same paths on float64 host arrays when the control and
 *       the target have host forms (u*, c·u* + b, float32 SiLU nets), with the martingale control variate
 *       that measures the Euler bias ({@link dev.bellman.diffusion.gap.GapResult#eulerBias()}).</li>
 *   <li>{@link dev.bellman.diffusion.gap.GapConfig}, {@link dev.bellman.diffusion.gap.ReverseTimeGrid}:
 *       paths, steps, batches, seed, end time ε, grid, precision.</li>
 *   <li>{@link dev.bellman.diffusion.gap.GapTarget}: exact mixture or empirical-optimal control.</li>
 *   <li>{@link dev.bellman.diffusion.gap.GapResult}, {@link dev.bellman.diffusion.gap.Estimate},
 *       {@link dev.bellman.diffusion.gap.EulerBias}: results with standard errors.</li>
 *   <li>{@link dev.bellman.diffusion.gap.GapListener}: progress per batch.</li>
 * </ul>
 */
package dev.bellman.diffusion.gap;
