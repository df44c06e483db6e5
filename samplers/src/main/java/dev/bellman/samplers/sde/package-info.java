/**
 * Stochastic samplers: {@link dev.bellman.samplers.sde.EtaSampler} (Euler–Maruyama on the η-family,
 * η = 0 the reverse SDE), {@link dev.bellman.samplers.sde.PredictorCorrectorSampler} with a
 * {@link dev.bellman.samplers.sde.Predictor} ({@link dev.bellman.samplers.sde.ReverseDiffusionPredictor},
 * {@link dev.bellman.samplers.sde.AncestralPredictor}) and a {@link dev.bellman.samplers.sde.Corrector}
 * ({@link dev.bellman.samplers.sde.LangevinCorrector}); {@code LinearTransition} (package-private) is
 * the exact one-step transition both predictors discretise with.
 */
package dev.bellman.samplers.sde;
