/**
 * Likelihood by the probability-flow ODE with the instantaneous change of variables:
 * {@link dev.bellman.samplers.likelihood.Likelihood}, {@link dev.bellman.samplers.likelihood.LikelihoodConfig},
 * {@link dev.bellman.samplers.likelihood.LikelihoodResult}, {@link dev.bellman.samplers.likelihood.PriorDensity},
 * {@link dev.bellman.samplers.likelihood.BitsPerDim}.
 */
package dev.bellman.samplers.likelihood;
