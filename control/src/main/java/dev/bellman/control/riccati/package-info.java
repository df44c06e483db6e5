/**
 * Riccati and Lyapunov equations of the LQR in double precision (Hipparchus linear algebra), reward form
 * of DESIGN.md 1.3.
 *
 * <ul>
 *   <li>{@link dev.bellman.control.riccati.DiscountedCare}: ρP = Q + AᵀP + PA − PBR⁻¹BᵀP, stabilising
 *       solution with acceptance (relative residual &lt; 1e-10, A − BK − (ρ/2)I Hurwitz) and refusal of
 *       unstabilisable/undetectable problems; result {@link dev.bellman.control.riccati.CareSolution}
 *       (P, K, c, residual, closed-loop max Re λ); methods {@link dev.bellman.control.riccati.CareMethod}.</li>
 *   <li>{@link dev.bellman.control.riccati.Lyapunov}: AᵀX + XA + C = 0 (Kronecker or matrix sign).</li>
 *   <li>{@link dev.bellman.control.riccati.ModeTests}: PBH stabilisability/detectability tests.</li>
 *   <li>{@link dev.bellman.control.riccati.StabilisingGain}: an admissible K₀ for policy iteration.</li>
 *   <li>{@link dev.bellman.control.riccati.DiscretisedLqr}: the exact optimum of the time-discretised
 *       problem ({@link dev.bellman.control.riccati.TimeDiscretisation}: Euler + rectangle, exact + trapezoid);
 *       result {@link dev.bellman.control.riccati.DiscreteLqrSolution}.</li>
 *   <li>{@link dev.bellman.control.riccati.RiccatiOde}: the finite-horizon Riccati ODE, result
 *       {@link dev.bellman.control.riccati.RiccatiTrajectory} (P(t), c(t), K(t) at any t).</li>
 *   <li>{@link dev.bellman.control.riccati.Matrices}: shape/symmetry/definiteness checks, spectra.</li>
 * </ul>
 */
package dev.bellman.control.riccati;
