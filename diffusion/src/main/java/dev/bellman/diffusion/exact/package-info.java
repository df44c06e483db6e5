/**
 * Exact fields of the diffusion control problem (DESIGN.md §1.4), in FORWARD time t_f.
 *
 * <ul>
 *   <li>{@link dev.bellman.diffusion.exact.MixtureLogDensity}: log p_{t_f}(x) of Gaussian-mixture data
 *       under a linear forward SDE, with exact score, batched Hessian, Laplacian and ∂_{t_f}; per-row times.</li>
 *   <li>{@link dev.bellman.diffusion.exact.ExactControl}: u* = g ∇log p_{t_f}, exact divergence.</li>
 *   <li>{@code HostExactControl} (package-private): u* on float64 host arrays, ExactControl's
 *       {@code onHost()} form.</li>
 *   <li>{@link dev.bellman.diffusion.exact.ExactModel}: forward SDE + u*, the oracle
 *       {@link dev.bellman.diffusion.ControlModel}.</li>
 *   <li>{@link dev.bellman.diffusion.exact.EmpiricalOptimalControl}: u* of a finite training set
 *       (pushed-forward point masses), chunked over the points; singular as t_f → 0.</li>
 *   <li>{@link dev.bellman.diffusion.exact.PerturbedControl}: c·u + b, the moved-off controls of the identity checks.</li>
 *   <li>{@link dev.bellman.diffusion.exact.DiffusionControlProblem}: the reverse-time problem as a core
 *       {@code ControlProblem} in reward form (generative time τ, terminal reward log p_data), and
 *       {@link dev.bellman.diffusion.exact.GenerativeTimeLogDensity}, its value log p_{T−τ} in τ.</li>
 *   <li>{@code SdeCoefficients} (package-private): m, s, a, g per row in double precision on the host.</li>
 * </ul>
 */
package dev.bellman.diffusion.exact;
