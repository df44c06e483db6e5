/**
 * Finite-horizon control (DESIGN.md §1.0–1.3, issue 10): problems on [0, T] with a terminal reward and
 * their exact solutions, and neural policy iteration with time-dependent networks.
 *
 * <ul>
 *   <li>{@link dev.bellman.control.finite.FiniteHorizonProblem}: a {@code ControlProblem} with horizon T,
 *       terminal reward g, exact value and policy, training/evaluation points and its own metrics;
 *       implemented by {@link dev.bellman.control.finite.LqrFiniteProblem} (any d, D = 0 allowed),
 *       {@link dev.bellman.control.finite.MertonFiniteProblem} (no consumption) and
 *       {@link dev.bellman.control.finite.HjbLqProblem} (Han–Jentzen–E 2018);</li>
 *   <li>exact values as time-dependent scalar fields: {@link dev.bellman.control.finite.LqrFiniteValue},
 *       {@link dev.bellman.control.finite.MertonFiniteValue}, {@link dev.bellman.control.finite.HjbLqValue};</li>
 *   <li>{@link dev.bellman.control.finite.SpaceTimePoints}, {@link dev.bellman.control.finite.SpaceTimeSampler}:
 *       points (t (B,1), x (B,d)) of [0, T] × R^d;</li>
 *   <li>{@link dev.bellman.control.finite.TimeChangedSde}: per-sample start times on one local clock;
 *       {@link dev.bellman.control.finite.MonteCarloReturns}: Monte Carlo returns to T and the paths' end states;</li>
 *   <li>{@link dev.bellman.control.finite.PolicyNetwork}: a_φ(t, x) (MLP route);</li>
 *   <li>the structured route: {@link dev.bellman.control.finite.LeastSquaresPolicyIteration} with
 *       {@link dev.bellman.control.finite.LeastSquaresConfig}, the value
 *       {@link dev.bellman.control.finite.SpaceTimeValue} and policy
 *       {@link dev.bellman.control.finite.LinearFeedbackPolicy} built from a
 *       {@link dev.bellman.control.finite.ChebyshevTimeBasis} and a {@link dev.bellman.control.finite.StateBasis},
 *       offered by a problem as a {@link dev.bellman.control.finite.BasisArchitecture};</li>
 *   <li>the radial route for problems that declare a {@link dev.bellman.control.finite.Symmetry}
 *       ({@code ROTATION}: hjb-lq): {@link dev.bellman.control.finite.RadialPolicyIteration} with the value
 *       {@link dev.bellman.control.finite.RadialValue} F(t, ‖x‖²), the feedback
 *       {@link dev.bellman.control.finite.EquivariantPolicy} h(t, ‖x‖²)x, the bases
 *       {@link dev.bellman.control.finite.RadialBasis} (log-Chebyshev), the O(d) generator of radial fields
 *       {@link dev.bellman.control.finite.RadialGenerator} and the ridge solve
 *       {@code RidgeLeastSquares};</li>
 *   <li>{@link dev.bellman.control.finite.FiniteHorizonSolver} (entry point), with
 *       {@link dev.bellman.control.finite.FiniteProblemSpec}, {@link dev.bellman.control.finite.FiniteProblemKind},
 *       {@link dev.bellman.control.finite.FiniteSolverConfig}, {@link dev.bellman.control.finite.FiniteListener},
 *       {@link dev.bellman.control.finite.FiniteResult}, {@link dev.bellman.control.finite.IterationRecord},
 *       {@link dev.bellman.control.finite.ProblemMetrics}, {@link dev.bellman.control.finite.Trajectory}.</li>
 * </ul>
 */
package dev.bellman.control.finite;
