/**
 * Neural policy iteration for discounted infinite-horizon control (DESIGN.md §1.2, §1.3).
 *
 * <ul>
 *   <li>{@link dev.bellman.control.pi.PolicyIteration}: the solver (evaluate, improve), configured by
 *       {@link dev.bellman.control.pi.PolicyIterationConfig}, with {@link dev.bellman.control.pi.EvaluationMethod}
 *       (Monte Carlo Feynman–Kac, PDE residual, hybrid) and {@link dev.bellman.control.pi.StateWeighting};
 *       reports {@link dev.bellman.control.pi.IterationState} to a
 *       {@link dev.bellman.control.pi.PolicyIterationListener};</li>
 *   <li>{@link dev.bellman.control.pi.FeynmanKacReturns}: antithetic Monte Carlo returns with critic bootstrap;</li>
 *   <li>networks: {@link dev.bellman.control.pi.ValueNetwork},
 *       {@link dev.bellman.control.pi.QuadraticValueNetwork} (quadratic head + MLP),
 *       {@link dev.bellman.control.pi.HomotheticValueNetwork} (CRRA scale × exp(MLP in log-wealth)),
 *       {@link dev.bellman.control.pi.PolicyNetwork} (linear head + MLP through the action space) with
 *       {@link dev.bellman.control.pi.PolicyFeatures};</li>
 *   <li>reference problems and scoring: {@link dev.bellman.control.pi.ReferenceCase} (LQR, Merton; admissible
 *       starts), {@link dev.bellman.control.pi.Scores}, {@link dev.bellman.control.pi.ControlResult} (the JSON of
 *       DESIGN.md §4), {@link dev.bellman.control.pi.HistoryRow}, {@link dev.bellman.control.pi.PolicyIterationRun}.</li>
 * </ul>
 */
package dev.bellman.control.pi;
