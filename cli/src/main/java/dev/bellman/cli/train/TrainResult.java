package dev.bellman.cli.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code bellman train}'s result (DESIGN.md §4): the keys scripts rely on.
 *
 * @param steps total optimizer steps of the run
 * @param finalLoss mean loss of the last 100 steps
 * @param stepsPerSecond training steps per second of this invocation (wall time of the loop, sample
 *     grids drawn at checkpoints left out)
 * @param wallSeconds wall time of this invocation's training loop (sample grids left out)
 * @param gap verification gap G(u) of the EMA model against the exact mixture optimum (null until wired)
 * @param gapSe its standard error
 * @param gapEmpirical G(u) against the empirical-optimal control
 * @param model the run directory (MODEL for sample, gap, eval; --resume)
 * @param data the data specification
 * @param sde the forward SDE
 * @param sigmaMax VE's σ_max (null for VP, sub-VP)
 * @param weighting the loss weighting
 * @param checkpoint the checkpoint file
 * @param samplesPlot scatter plot of EMA-model samples beside data (2-D data), the final sample grid
 *     (images), else null
 * @param lossPlot loss curve
 * @param gapPaths reverse-SDE paths behind the reported gap (4,000 by default; at most 64 for
 *     images, whose gap is a small-n reading), null when the gap was skipped
 * @param gapSteps Euler–Maruyama steps of each of those paths, null when skipped
 * @param previewSeconds wall time spent drawing sample grids during and after training (images;
 *     0 otherwise); not part of {@code wall_s} and {@code steps_per_s}
 */
public record TrainResult(
        @JsonProperty("steps") long steps,
        @JsonProperty("final_loss") double finalLoss,
        @JsonProperty("steps_per_s") double stepsPerSecond,
        @JsonProperty("wall_s") double wallSeconds,
        @JsonProperty("gap") Double gap,
        @JsonProperty("gap_se") Double gapSe,
        @JsonProperty("gap_empirical") Double gapEmpirical,
        @JsonProperty("model") String model,
        @JsonProperty("data") String data,
        @JsonProperty("sde") String sde,
        @JsonProperty("sigma_max") Double sigmaMax,
        @JsonProperty("weighting") String weighting,
        @JsonProperty("checkpoint") String checkpoint,
        @JsonProperty("samples_png") String samplesPlot,
        @JsonProperty("loss_png") String lossPlot,
        @JsonProperty("gap_paths") Integer gapPaths,
        @JsonProperty("gap_steps") Integer gapSteps,
        @JsonProperty("preview_s") double previewSeconds) {}
