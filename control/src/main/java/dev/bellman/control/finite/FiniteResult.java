package dev.bellman.control.finite;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of a finite-horizon run; its JSON keys are the {@code control pi --json} contract
 * (DESIGN.md §4). Keys that do not apply to the problem are null.
 *
 * @param problem lqr-finite, merton-finite or hjb-lq
 * @param dim d
 * @param horizon T
 * @param valueRelL2 relative L2 error of V_θ over the evaluation points of [0, T] × domain
 * @param actionRelL2 relative L2 error of the policy's actions against a* over the same points
 * @param hjbResidual RMS(R)/RMS(r + L^aV) of the learned pair over the evaluation points (DESIGN.md §1.1)
 * @param iterations policy-iteration rounds run
 * @param wallSeconds total wall time
 * @param timeTo2pct wall time of the first round with V_rel_l2 below 2 % (as for the stationary problems), or null
 * @param metrics the problem-specific entries (K̂, π̂, u0, …)
 * @param history one record per round
 * @param trajectories closed-loop paths for plots (not part of the JSON)
 */
public record FiniteResult(@JsonProperty("problem") String problem, @JsonProperty("dim") int dim,
        @JsonProperty("horizon") double horizon, @JsonProperty("V_rel_l2") double valueRelL2,
        @JsonProperty("action_rel_l2") double actionRelL2, @JsonProperty("hjb_residual") double hjbResidual,
        @JsonProperty("iterations") int iterations, @JsonProperty("wall_s") double wallSeconds,
        @JsonProperty("time_to_2pct_s") Double timeTo2pct, @JsonIgnore ProblemMetrics metrics,
        @JsonProperty("history") List<IterationRecord> history, @JsonIgnore List<Trajectory> trajectories) {

    @JsonProperty("K_hat")
    public double[][] kHat() {
        return metrics.kHat();
    }

    @JsonProperty("K_rel_err")
    public Double kRelErr() {
        return metrics.kRelErr();
    }

    /** π̂ as a number for one asset, a list for several. */
    @JsonProperty("pi_hat")
    public Object piHat() {
        double[] p = metrics.piHat();
        return p == null ? null : p.length == 1 ? (Object) p[0] : p;
    }

    @JsonProperty("pi_rel_err")
    public Double piRelErr() {
        return metrics.piRelErr();
    }

    @JsonProperty("u0")
    public Double u0() {
        return metrics.u0();
    }

    @JsonProperty("u0_exact")
    public Double u0Exact() {
        return metrics.u0Exact();
    }

    @JsonProperty("u0_rel_err")
    public Double u0RelErr() {
        return metrics.u0RelErr();
    }

    @JsonProperty("u0_uncontrolled")
    public Double u0Uncontrolled() {
        return metrics.u0Uncontrolled();
    }

    @JsonProperty("off_origin_rel_err")
    public Double offOriginRelErr() {
        return metrics.offOriginRelErr();
    }
}
