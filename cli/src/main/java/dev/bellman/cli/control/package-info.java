/**
 * Command-line helpers shared by the control commands ({@code control pi}, {@code control qlearn}):
 * {@link dev.bellman.cli.control.ControlReport} (history.csv, PNG figures, the learned-vs-exact table) and
 * {@link dev.bellman.cli.control.IterationProgress} (a progress bar on stderr) and
 * {@link dev.bellman.cli.control.FiniteTrajectoryPlot} (closed-loop paths of a finite-horizon run).
 */
package dev.bellman.cli.control;
