package dev.bellman.control.pi;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of a control learner on a reference problem, with the JSON keys of DESIGN.md §4 (null
 * where a key does not apply): the learned quantities themselves ({@code K_hat}, {@code pi_hat},
 * {@code k_hat}) beside their errors, so anyone can check them against a closed form of their own.
 * {@code pi_hat} is a number for one risky asset and a list for several.
 */
public record ControlResult(
        @JsonProperty("problem") String problem,
        @JsonProperty("dim") int dim,
        @JsonProperty("V_rel_l2") Double valueRelL2,
        @JsonProperty("action_rel_l2") Double actionRelL2,
        @JsonProperty("hjb_residual") Double hjbResidual,
        @JsonProperty("K_hat") List<List<Double>> kHat,
        @JsonProperty("K_rel_err") Double kRelErr,
        @JsonProperty("pi_hat") Object piHat,
        @JsonProperty("k_hat") Double consumptionHat,
        @JsonProperty("pi_rel_err") Double piRelErr,
        @JsonProperty("k_rel_err") Double consumptionRelErr,
        @JsonProperty("iterations") int iterations,
        @JsonProperty("wall_s") double wallSeconds,
        @JsonProperty("time_to_2pct_s") Double timeTo2pct,
        @JsonProperty("horizon") Double horizon,
        @JsonProperty("evaluation") String evaluation) {

    /** The result of a stationary problem from its final scores. */
    public static ControlResult of(String problem, int dim, Scores s, int iterations, double wallSeconds, Double timeTo2pct,
            String evaluation) {
        List<List<Double>> k = null;
        if (s.kHat() != null) {
            k = java.util.Arrays.stream(s.kHat()).map(r -> java.util.Arrays.stream(r).boxed().toList()).toList();
        }
        Object pi = null;
        if (s.piHat() != null) {
            pi = s.piHat().length == 1 ? (Object) s.piHat()[0] : java.util.Arrays.stream(s.piHat()).boxed().toList();
        }
        return new ControlResult(problem, dim, s.valueRelL2(), s.actionRelL2(), s.hjbResidual(), k, s.kRelErr(), pi,
                s.consumptionHat(), s.piRelErr(), s.consumptionRelErr(), iterations, wallSeconds, timeTo2pct, null, evaluation);
    }
}
