/**
 * Model-free continuous-time Q-learning (DESIGN.md §1.2; Jia &amp; Zhou, JMLR 2023; Tallec, Blier &amp;
 * Ollivier, ICML 2019).
 *
 * <ul>
 *   <li>{@link dev.bellman.control.qlearn.Task}: what a learner is told (d, the action space, ρ, and the declared
 *       {@link dev.bellman.control.qlearn.Structure}: general, linear-quadratic or homogeneous, with linear or log
 *       action coordinates); {@link dev.bellman.control.qlearn.Environment}: a Task that also yields transitions
 *       (reset, step); plug in your own system by implementing it.</li>
 *   <li>{@link dev.bellman.control.qlearn.ProblemSimulator}: an Environment wrapping any stationary
 *       {@link dev.bellman.control.hjb.ControlProblem} (Euler–Maruyama with rectangle reward, or for LQR
 *       the exact Gaussian transition with trapezoid reward); LinearGaussianStep computes the latter.</li>
 *   <li>{@link dev.bellman.control.qlearn.TransitionLog}: logged transitions (x, a, r, x', dt) for offline
 *       learning, validated; {@link dev.bellman.control.qlearn.TransitionBatch}: a batch of them as arrays.</li>
 *   <li>{@link dev.bellman.control.qlearn.TemporalDifference}: the TD error δ/Δt of §1.2, the one place its
 *       conventions live.</li>
 *   <li>{@link dev.bellman.control.qlearn.QLearner}: the learner, built from an Environment or a Task and a
 *       TransitionLog only, so it cannot read f or Σ; {@link dev.bellman.control.qlearn.QLearnerConfig},
 *       {@link dev.bellman.control.qlearn.Exploration}, {@link dev.bellman.control.qlearn.QlearnDefaults},
 *       {@link dev.bellman.control.qlearn.QLearningListener}, {@link dev.bellman.control.qlearn.QLearningProgress}.
 *       Internals, by declared form: general: ValueNetwork (tanh MLP, head by LeastSquaresTd) and QuadraticAdvantage
 *       (Adam on δ², target and averaged copies by ParameterAverage, ReplayBuffer); linear-quadratic: QuadraticValue,
 *       LinearQuadraticAdvantage and LinearQuadraticPolicyIteration; homogeneous: HomogeneousValue,
 *       HomogeneousAdvantage and HomogeneousPolicyIteration (least-squares policy iteration, PolicyIteration, on
 *       sufficient statistics of every transition); ValueModel, AdvantageModel and ActionCoordinates tie them
 *       together.</li>
 *   <li>{@link dev.bellman.control.qlearn.QLearningExperiment}: runs on lqr and merton scored against the
 *       closed forms and the discretised optimum (DiscretisedLqr), with Richardson extrapolation, and the structure
 *       each reference problem declares; {@link dev.bellman.control.qlearn.QLearningReport}: the result with the
 *       CLI's JSON keys.</li>
 * </ul>
 */
package dev.bellman.control.qlearn;
