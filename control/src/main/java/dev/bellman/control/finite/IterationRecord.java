package dev.bellman.control.finite;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One policy-iteration round, for plots.
 *
 * @param iteration k, from 1
 * @param valueFitLoss the mean squared error of V_θ against the Monte Carlo returns at the end of the value step
 * @param valueRelL2 the relative L2 error of V_θ against the exact value over the evaluation points
 * @param actionRelL2 the relative L2 error of the policy's actions against the exact optimal ones
 * @param policyObjective the mean of r + L^aV (+ ∂ₜV) at the improved policy over its last batch
 * @param hjbResidual RMS(R)/RMS(r + L^aV) over the evaluation points (DESIGN.md §1.1)
 * @param wallSeconds time since the start of the run
 */
public record IterationRecord(@JsonProperty("iteration") int iteration, @JsonProperty("value_fit_loss") double valueFitLoss,
        @JsonProperty("V_rel_l2") double valueRelL2, @JsonProperty("action_rel_l2") double actionRelL2,
        @JsonProperty("policy_objective") double policyObjective, @JsonProperty("hjb_residual") double hjbResidual,
        @JsonProperty("wall_s") double wallSeconds) {}
