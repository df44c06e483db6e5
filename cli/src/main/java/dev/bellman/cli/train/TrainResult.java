package dev.bellman.cli.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code bellman train}'s result (DESIGN.md §4): the keys scripts rely on.
 *
 * @param steps total optimizer steps of the run
 * @param finalLoss mean loss of the last 100 steps
 * @param stepsPerSecond training steps per second of this invocation (wall time of the loop)
 * @param wallSeconds wall time of this invocation's training loop
 * @param gap verification gap G(u) of the EMA model against the exact mixture optimum (null until wired)
 * @param gapSe its standard error
 * @param gapEmpirical G(u) against the empirical-optimal control
 * @param model the run directory (MODEL for sample, gap, eval; --resume)
 * @param data the data specification
 * @param sde the forward SDE
 * @param sigmaMax VE's σ_max (null for VP, sub-VP)
 * @param weighting the loss weighting
 * @param checkpoint the checkpoint file
 * @param samplesPlot scatter plot of EMA-model samples beside data (null for images)
 * @param lossPlot loss curve
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
        @JsonProperty("loss_png") String lossPlot) {}
