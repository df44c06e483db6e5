/**
 * Closed-form reference problems and their exact solutions in double precision (DESIGN.md 1.3), the
 * regression suite every learner is checked against.
 *
 * <ul>
 *   <li>LQR: {@link dev.bellman.control.reference.LqrParameters} (A, B, Q, R, D, ρ; scalar and decoupled
 *       factories), {@link dev.bellman.control.reference.LqrSolution} (V, ∇V, ∇²V, a* = −Kx);
 *       finite horizon {@link dev.bellman.control.reference.LqrFiniteParameters} (Q_T, T),
 *       {@link dev.bellman.control.reference.LqrFiniteSolution}.</li>
 *   <li>Merton: {@link dev.bellman.control.reference.MertonParameters} (r_f, μ, C, γ, ρ),
 *       {@link dev.bellman.control.reference.MertonSolution} (π*, k*, M, A; log utility at γ = 1),
 *       {@link dev.bellman.control.reference.MertonFiniteSolution}.</li>
 *   <li>Han–Jentzen–E HJB: {@link dev.bellman.control.reference.HanJentzenE} (u by quadrature and Monte
 *       Carlo, {@link dev.bellman.control.reference.MonteCarloEstimate}).</li>
 *   <li>{@link dev.bellman.control.reference.EvaluationStates}: the fixed evaluation states.</li>
 *   <li>{@link dev.bellman.control.reference.Metrics}: relative L2 error, least-squares gain K̂, K_rel_err.</li>
 *   <li>{@link dev.bellman.control.reference.SharedFolder}: locates the shared folder (BELLMAN_SHARED or
 *       ../shared).</li>
 * </ul>
 */
package dev.bellman.control.reference;
