package dev.bellman.control.pi;

/** Hooks called by {@link PolicyIteration} (progress bars, histories, scores); the solver never prints. */
public interface PolicyIterationListener {

    /** After each iteration. */
    void onIteration(IterationState state);

    /** A listener that does nothing. */
    static PolicyIterationListener none() {
        return s -> {};
    }

    /** Calls this, then {@code other}. */
    default PolicyIterationListener andThen(PolicyIterationListener other) {
        return s -> {
            onIteration(s);
            other.onIteration(s);
        };
    }
}
