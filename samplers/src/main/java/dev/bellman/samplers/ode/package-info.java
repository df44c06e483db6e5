/**
 * The probability-flow ODE: {@link dev.bellman.samplers.ode.ProbabilityFlow} (its drift),
 * {@link dev.bellman.samplers.ode.HeunSampler} (fixed step), {@link dev.bellman.samplers.ode.Rk45Sampler}
 * on {@link dev.bellman.samplers.ode.DormandPrince} (adaptive, batch RMS error norm) with
 * {@link dev.bellman.samplers.ode.OdeFunction} and {@link dev.bellman.samplers.ode.OdeSolution}.
 */
package dev.bellman.samplers.ode;
