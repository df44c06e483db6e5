package dev.bellman.control.pi;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Policy iteration on a {@link ReferenceCase} end to end: builds the value and policy networks (the
 * policy at the case's admissible start), runs {@link PolicyIteration}, scores every iteration on the
 * fixed evaluation states (the scoring time is not counted in the wall time), and returns the result
 * record, the history and the trained networks (the caller closes the outcome).
 */
public final class PolicyIterationRun {
    private PolicyIterationRun() {}

    /**
     * The outcome of a run.
     *
     * @param result the JSON result of DESIGN.md §4
     * @param history one row per iteration
     * @param scores the final scores (with the per-state values and actions, for plots)
     */
    public record Outcome(ControlResult result, List<HistoryRow> history, Scores scores, ValueNetwork value,
            PolicyNetwork policy) implements AutoCloseable {
        @Override
        public void close() {
            value.close();
            policy.close();
        }
    }

    /** Runs {@code config} on {@code reference}; {@code listener} sees every iteration after it is scored. */
    public static Outcome run(ReferenceCase reference, PolicyIterationConfig config, NDManager manager,
            PolicyIterationListener listener) {
        ValueNetwork value = reference.newValueNetwork(config.valueHidden(), config.precision(), config.seed() + 11, manager);
        PolicyNetwork policy = reference.newPolicyNetwork(config.policyHidden(), config.precision(), config.seed() + 23, manager);
        List<HistoryRow> history = new ArrayList<>();
        Scores[] last = new Scores[1];
        double[] timeTo2pct = {Double.NaN};
        PolicyIterationListener scorer = state -> {
            Scores s = Scores.of(reference, state.value(), state.policy(), manager);
            last[0] = s;
            if (Double.isNaN(timeTo2pct[0]) && s.valueRelL2() < 0.02) {
                timeTo2pct[0] = state.wallSeconds();
            }
            history.add(new HistoryRow(state.iteration(), state.wallSeconds(), state.evaluation().label(),
                    state.valueFitError(), state.policyObjective(), s.hjbResidual(), s.valueRelL2(), s.actionRelL2(),
                    s.kRelErr()));
        };
        double wall;
        try {
            wall = new PolicyIteration(config).run(reference.problem(), value, policy, manager, scorer.andThen(listener));
        } catch (RuntimeException e) {
            value.close();
            policy.close();
            throw e;
        }
        Scores s = last[0];
        ControlResult result = ControlResult.of(reference.name(), reference.dim(), s, config.iterations(), wall,
                Double.isNaN(timeTo2pct[0]) ? null : timeTo2pct[0], config.evaluation().label());
        return new Outcome(result, List.copyOf(history), s, value, policy);
    }
}
