package dev.bellman.control.pi;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a policy-iteration history ({@code history.csv}).
 *
 * @param iteration k
 * @param wallSeconds the solver's wall time so far (scoring excluded)
 * @param evaluation {@code monte-carlo} or {@code residual}
 * @param valueFitError see {@link IterationState#valueFitError()}
 * @param policyObjective E[r + L^aV] after the improvement
 * @param hjbResidual RMS(R)/RMS(H) on the evaluation states
 * @param valueRelL2 V_rel_l2
 * @param actionRelL2 action_rel_l2
 * @param kRelErr K_rel_err (LQR) or null
 */
public record HistoryRow(@JsonProperty("iteration") int iteration, @JsonProperty("wall_s") double wallSeconds,
        @JsonProperty("evaluation") String evaluation, @JsonProperty("value_fit_error") double valueFitError,
        @JsonProperty("policy_objective") double policyObjective, @JsonProperty("hjb_residual") double hjbResidual,
        @JsonProperty("V_rel_l2") double valueRelL2, @JsonProperty("action_rel_l2") double actionRelL2,
        @JsonProperty("K_rel_err") Double kRelErr) {

    /** The CSV header, in field order. */
    public static final String CSV_HEADER =
            "iteration,wall_s,evaluation,value_fit_error,policy_objective,hjb_residual,V_rel_l2,action_rel_l2,K_rel_err";

    /** This row as CSV (empty cell for null). */
    public String csv() {
        return iteration + "," + wallSeconds + "," + evaluation + "," + valueFitError + "," + policyObjective + ","
                + hjbResidual + "," + valueRelL2 + "," + actionRelL2 + "," + (kRelErr == null ? "" : kRelErr.toString());
    }
}
