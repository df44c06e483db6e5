package dev.bellman.control.finite;

/** Progress hook of {@link FiniteHorizonSolver}: called after every policy-iteration round. */
@FunctionalInterface
public interface FiniteListener {

    void onIteration(IterationRecord record);

    /** No reporting. */
    static FiniteListener none() {
        return r -> {};
    }
}
