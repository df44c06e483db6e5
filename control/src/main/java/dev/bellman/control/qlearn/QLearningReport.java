package dev.bellman.control.qlearn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The result of a Q-learning run on a reference problem, with the JSON keys of {@code control pi}
 * (DESIGN.md §4) plus {@code K_rel_err_discrete}, {@code dt} and {@code transitions}. Keys that do not apply
 * are null. Errors are measured on the fixed evaluation states of §1.3 with the learner's averaged weights.
 *
 * @param problem lqr or merton
 * @param dim d
 * @param valueRelL2 ‖V̂ − V‖₂/‖V‖₂ over the evaluation states (against the continuous-time V)
 * @param actionRelL2 ‖â − a*‖/‖a*‖ over the evaluation states
 * @param hjbResidual RMS(R)/RMS(max_a{r + L^aV̂}) computed with the problem, for reporting only (the
 *     learner never sees it); null when not computed
 * @param kHat LQR: the least-squares gain of the actor (m × d), or the Richardson combination
 * @param kRelErr LQR: ‖K̂ − K‖_F/‖K‖_F against the continuous-time optimum
 * @param kRelErrDiscrete LQR: the same against the optimum of the discretised problem the learner faces
 *     (DiscretisedLqr at the same Δt and transition rule; with Richardson, the same combination of the
 *     discrete optima at Δt and Δt/2); null when the log's Δt are not all equal
 * @param piHat Merton: the mean risky fraction(s) over the evaluation wealths (a number for one asset)
 * @param kHat2 Merton: the mean consumption rate k̂
 * @param piRelErr Merton: ‖π̂ − π*‖/‖π*‖
 * @param kRelErr2 Merton: |k̂ − k*|/k*
 * @param iterations gradient steps (summed over both runs with Richardson)
 * @param wallSeconds wall time of learning
 * @param timeTo2pct wall time until the error (K_rel_err, or the larger of pi_rel_err and k_rel_err) was
 *     first ≤ 2 % at an evaluation; null if never or with Richardson
 * @param horizon null (infinite horizon)
 * @param dt Δt (the larger of the two with Richardson)
 * @param transitions transitions used
 * @param scheme the transition rule (EULER_RECTANGLE, EXACT_TRAPEZOID, or LOGGED)
 * @param richardson whether K̂ (or π̂, k̂) is the Richardson combination 2·(Δt/2 run) − (Δt run)
 */
@JsonPropertyOrder({"problem", "dim", "V_rel_l2", "action_rel_l2", "hjb_residual", "K_hat", "K_rel_err", "K_rel_err_discrete",
    "pi_hat", "k_hat", "pi_rel_err", "k_rel_err", "iterations", "wall_s", "time_to_2pct_s", "horizon", "dt", "transitions",
    "scheme", "richardson"})
public record QLearningReport(
        @JsonProperty("problem") String problem,
        @JsonProperty("dim") int dim,
        @JsonProperty("V_rel_l2") Double valueRelL2,
        @JsonProperty("action_rel_l2") Double actionRelL2,
        @JsonProperty("hjb_residual") Double hjbResidual,
        @JsonProperty("K_hat") double[][] kHat,
        @JsonProperty("K_rel_err") Double kRelErr,
        @JsonProperty("K_rel_err_discrete") Double kRelErrDiscrete,
        @JsonProperty("pi_hat") Object piHat,
        @JsonProperty("k_hat") Double kHat2,
        @JsonProperty("pi_rel_err") Double piRelErr,
        @JsonProperty("k_rel_err") Double kRelErr2,
        @JsonProperty("iterations") long iterations,
        @JsonProperty("wall_s") double wallSeconds,
        @JsonProperty("time_to_2pct_s") Double timeTo2pct,
        @JsonProperty("horizon") Double horizon,
        @JsonProperty("dt") double dt,
        @JsonProperty("transitions") long transitions,
        @JsonProperty("scheme") String scheme,
        @JsonProperty("richardson") boolean richardson) {}
