/**
 * Control problems in reward form and the HJB residual (DESIGN.md §1.0–1.2).
 *
 * <ul>
 *   <li>{@link dev.bellman.control.hjb.ControlProblem}: a controlled SDE with reward r(t,x,a) (B,1), discount ρ,
 *       optional horizon T and terminal reward g(x), admissible actions and state distributions;</li>
 *   <li>{@link dev.bellman.control.hjb.ActionSpace}: unbounded, box, or transformed actions;</li>
 *   <li>{@link dev.bellman.control.hjb.StateSampler}: states to train or evaluate on;</li>
 *   <li>{@link dev.bellman.control.hjb.HjbResidual}: R = ρV − ∂ₜV − (r + L^aV) at a policy's action,
 *       with {@link dev.bellman.control.hjb.HjbTerms} (one batch) and
 *       {@link dev.bellman.control.hjb.HjbResidualReport} (RMS(R)/RMS(H) over evaluation states).</li>
 * </ul>
 */
package dev.bellman.control.hjb;
