package dev.bellman.control.pi;

/**
 * What the solver reports after one policy iteration (evaluate α_k, then improve it).
 *
 * @param iteration k, 1-based
 * @param wallSeconds the solver's own wall time since the start (listener time excluded)
 * @param evaluation the evaluation used in this iteration (HYBRID resolves to one of the other two)
 * @param valueFitError Monte Carlo: RMS(V_θ − G)/RMS(G) after the regression; residual: RMS(R)/RMS(ρV)
 *     of the policy's PDE residual on the last batch
 * @param policyObjective E_x[r + L^aV] on the last improvement batch (unweighted)
 * @param value the current value network (read it, do not train it)
 * @param policy the current (improved) policy network
 */
public record IterationState(int iteration, double wallSeconds, EvaluationMethod evaluation, double valueFitError,
        double policyObjective, ValueNetwork value, PolicyNetwork policy) {}
