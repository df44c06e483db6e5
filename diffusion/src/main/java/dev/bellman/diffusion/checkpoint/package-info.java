/**
 * Checkpoints of score-matching runs: {@link dev.bellman.diffusion.checkpoint.Checkpoint} (configuration,
 * step, parameters, EMA, Adam state, losses), {@link dev.bellman.diffusion.checkpoint.CheckpointFile}
 * (atomic binary file with a format version) and {@link dev.bellman.diffusion.checkpoint.TrainedModel}
 * (a run directory loaded as a {@code ControlModel} with the EMA weights; the network, MLP or U-Net, is
 * rebuilt from the {@code NetSpec} stored in the configuration).
 */
package dev.bellman.diffusion.checkpoint;
