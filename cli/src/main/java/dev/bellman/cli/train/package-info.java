/**
 * The command-line side of {@code bellman train}: {@link dev.bellman.cli.train.TrainRequest} (validated
 * options), {@link dev.bellman.cli.train.TrainRun} (calls the library, writes plots),
 * {@link dev.bellman.cli.train.TrainResult} (the JSON keys of DESIGN.md §4),
 * {@link dev.bellman.cli.train.TrainProgress} (progress bar on stderr),
 * {@link dev.bellman.cli.train.ImageDefaults} (the U-Net's option defaults for mnist:/images: data),
 * {@link dev.bellman.cli.train.SampleGrids} (sample grids of image runs at checkpoints and at the end),
 * {@link dev.bellman.cli.train.TrainGapProbe} (the end-of-run gap; small-n for images) and
 * {@code GapCurve} (gap versus steps).
 */
package dev.bellman.cli.train;
