/**
 * PNG output: {@link dev.bellman.data.plot.Plots} (scatter plots of samples beside data, 2-D
 * histograms, density maps and heat maps, line plots with an optional log y-axis, with
 * {@link dev.bellman.data.plot.Plots.Bounds}), {@link dev.bellman.data.plot.Series} (one line of a
 * line plot) and {@link dev.bellman.data.plot.ImageGrid} (a batch of images in [−1, 1] as one grid).
 */
package dev.bellman.data.plot;
