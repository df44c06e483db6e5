/**
 * Command-line helpers shared by the control commands ({@code control pi}, {@code control qlearn}):
 * {@link dev.bellman.cli.control.ControlReport} (history.csv, PNG figures, the learned-vs-exact table) and
 * {@link dev.bellman.cli.control.IterationProgress} (a progress bar on stderr).
 */
package dev.bellman.cli.control;
