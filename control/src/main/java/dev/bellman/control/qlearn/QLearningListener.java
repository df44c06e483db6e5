package dev.bellman.control.qlearn;

/**
 * A hook called every {@code evaluateEvery} steps and after the last one (progress bars, error curves,
 * time-to-accuracy). The learner passed in evaluates with its averaged weights.
 */
@FunctionalInterface
public interface QLearningListener {

    void onEvaluation(QLearningProgress progress, QLearner learner);

    /** Does nothing. */
    QLearningListener NONE = (p, l) -> {};
}
