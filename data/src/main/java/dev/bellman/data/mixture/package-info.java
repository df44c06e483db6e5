/**
 * Gaussian mixtures with exact densities: {@link dev.bellman.data.mixture.GaussianMixture} (sampling,
 * batched log p and score, Hessian, {@code pushForward(m, s²)} under a linear SDE),
 * {@link dev.bellman.data.mixture.GaussianMixture.Evaluation} (log p and score of one batch), and
 * {@link dev.bellman.data.mixture.MixtureFile} (the {@code gmm:FILE} JSON format, read and write).
 */
package dev.bellman.data.mixture;
