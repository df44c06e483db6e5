package dev.bellman.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.bellman.diffusion.gap.Estimate;
import dev.bellman.diffusion.gap.GapResult;

/**
 * The JSON result of {@code bellman gap} (DESIGN.md §4): keys {@code gap}, {@code gap_se},
 * {@code gap_empirical}, {@code J}, {@code J_se}, {@code V}, {@code V_se}, {@code identity_residual},
 * {@code identity_se}, {@code n}, {@code steps}, plus {@code gap_empirical_se}, {@code epsilon}
 * (the rollout ends at τ = T − ε, where log p_data is evaluated as log p_ε) and {@code grid}. Keys
 * that do not apply are null: mixture data give gap, J, V and the identity; other data only
 * gap_empirical.
 */
@JsonPropertyOrder({"gap", "gap_se", "gap_empirical", "gap_empirical_se", "J", "J_se", "V", "V_se", "identity_residual",
    "identity_se", "n", "steps", "epsilon", "grid"})
public record GapReport(
        @JsonProperty("gap") Double gap,
        @JsonProperty("gap_se") Double gapSe,
        @JsonProperty("gap_empirical") Double gapEmpirical,
        @JsonProperty("gap_empirical_se") Double gapEmpiricalSe,
        @JsonProperty("J") Double cost,
        @JsonProperty("J_se") Double costSe,
        @JsonProperty("V") Double value,
        @JsonProperty("V_se") Double valueSe,
        @JsonProperty("identity_residual") Double identityResidual,
        @JsonProperty("identity_se") Double identitySe,
        @JsonProperty("n") int n,
        @JsonProperty("steps") int steps,
        @JsonProperty("epsilon") double epsilon,
        @JsonProperty("grid") String grid) {

    /** The report of a library result. */
    public static GapReport of(GapResult r) {
        return new GapReport(mean(r.gap()), se(r.gap()), mean(r.gapEmpirical()), se(r.gapEmpirical()), mean(r.cost()),
                se(r.cost()), mean(r.value()), se(r.value()), mean(r.identityResidual()), se(r.identityResidual()), r.paths(),
                r.steps(), r.endEpsilon(), r.grid());
    }

    private static Double mean(Estimate e) {
        return e == null ? null : e.mean();
    }

    private static Double se(Estimate e) {
        return e == null ? null : e.standardError();
    }
}
