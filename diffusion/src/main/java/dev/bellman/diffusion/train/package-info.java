/**
 * Denoising score matching in control form (DESIGN.md §1.4):
 * {@link dev.bellman.diffusion.train.ScoreMatchingTrainer} (the training loop: Java-side batches from
 * (seed, step), fused Adam, EMA, NaN guard, explosion guard, checkpoints, exact resume) configured by
 * {@link dev.bellman.diffusion.train.TrainConfig} with {@link dev.bellman.diffusion.train.SdeSpec},
 * {@link dev.bellman.diffusion.train.Weighting} (λ(t): EPS, LIKELIHOOD) and
 * {@link dev.bellman.diffusion.train.DivergencePolicy} (when a finite loss has exploded); hooks
 * {@link dev.bellman.diffusion.train.TrainListener}, {@link dev.bellman.diffusion.train.CheckpointSink},
 * {@link dev.bellman.diffusion.train.GapProbe}; results {@link dev.bellman.diffusion.train.TrainSummary},
 * {@link dev.bellman.diffusion.train.TrainingDivergedException}; and
 * {@link dev.bellman.diffusion.train.PreviewSamples} (reverse-SDE samples for the run's plot).
 */
package dev.bellman.diffusion.train;
