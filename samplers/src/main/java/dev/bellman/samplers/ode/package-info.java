/**
 * The probability-flow ODE: {@link dev.bellman.samplers.ode.ProbabilityFlow} (its drift),
 * {@link dev.bellman.samplers.ode.HeunSampler} (fixed step), {@link dev.bellman.samplers.ode.Rk45Sampler}
 * on {@link dev.bellman.samplers.ode.DormandPrince} (adaptive; {@link dev.bellman.samplers.ode.ErrorNorm}: batch RMS for
 * sampling, worst row for per-point likelihoods) with
 * {@link dev.bellman.samplers.ode.OdeFunction} and {@link dev.bellman.samplers.ode.OdeSolution}.
 */
package dev.bellman.samplers.ode;
