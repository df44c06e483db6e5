/**
 * The shared HJB/RL core of Bellman.
 *
 * <p>Symbols follow ../shared/DESIGN.md section 1: x (B, d) states, t (B, 1) the problem's own time,
 * a (B, m) actions, Σ (B, d, n) diffusion, reward form throughout (a cost enters as −reward).
 *
 * <ul>
 *   <li>{@link dev.bellman.control.BadInputException}: a user mistake (exit code 2 on the command line).</li>
 *   <li>{@code engine}: offline engine setup (seed, threads, dtype, device).</li>
 *   <li>{@code run}: run directories, atomic files, provenance (run.json).</li>
 * </ul>
 */
package dev.bellman.control;
