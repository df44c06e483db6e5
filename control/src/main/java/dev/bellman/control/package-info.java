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
 *   <li>{@code field}: scalar and vector fields with exact derivatives, weighted traces, probes.</li>
 *   <li>{@code nn}: MLPs on raw ops with forward-mode (Taylor) derivatives; parameter snapshots.</li>
 *   <li>{@code optim}: the project's Adam/AdamW and EMA with exportable state.</li>
 *   <li>{@code random}: per-step randomness derived from (seed, step).</li>
 *   <li>{@code generator}: controlled SDEs, policies, the generator L^a.</li>
 *   <li>{@code hjb}: control problems in reward form, action spaces, state samplers, the HJB residual.</li>
 *   <li>{@code sde}: the seeded, scoped Euler–Maruyama integrator with step handlers.</li>
 * </ul>
 */
package dev.bellman.control;
