/**
 * Samplers of a {@link dev.bellman.diffusion.ControlModel} (DESIGN.md §1.5): they integrate in
 * generative time τ from the prior (τ = 0) to T − ε and call the control in forward time t_f = T − τ.
 *
 * <ul>
 *   <li>{@link dev.bellman.samplers.Sampler} — the interface ({@code sample}, {@code integrate});
 *   <li>{@link dev.bellman.samplers.SamplerKind} — em|pc|ancestral|reverse-diffusion|ode-heun|ode-rk45, with factories;
 *   <li>{@link dev.bellman.samplers.SamplerConfig} — steps, η, snr, corrector steps, rtol/atol, time input;
 *   <li>{@link dev.bellman.samplers.SampleResult} — samples, steps, NFE, wall time;
 *   <li>{@link dev.bellman.samplers.SamplerListener}, {@link dev.bellman.samplers.SamplerStep} — per-step hook;
 *   <li>{@link dev.bellman.samplers.ControlCalls} — the control at forward time, counting evaluations;
 *   <li>{@link dev.bellman.samplers.TimeInput} — t per row (B, 1) or shared (1, 1);
 *   <li>{@link dev.bellman.samplers.GenerativeGrid} — the uniform τ-grid to T − ε.
 * </ul>
 * Sub-packages: {@code sde} (η-family Euler–Maruyama, predictors, Langevin corrector), {@code ode}
 * (probability flow, Heun, Dormand–Prince), {@code likelihood}, {@code metrics}.
 */
package dev.bellman.samplers;
