/**
 * The command-line side of {@code bellman train}: {@link dev.bellman.cli.train.TrainRequest} (validated
 * options), {@link dev.bellman.cli.train.TrainRun} (calls the library, writes plots),
 * {@link dev.bellman.cli.train.TrainResult} (the JSON keys of DESIGN.md §4) and
 * {@link dev.bellman.cli.train.TrainProgress} (progress bar on stderr).
 */
package dev.bellman.cli.train;
