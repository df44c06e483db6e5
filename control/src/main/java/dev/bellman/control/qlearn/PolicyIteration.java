package dev.bellman.control.qlearn;

/**
 * Least-squares policy iteration for a task whose declared {@link Structure} makes the value and the advantage
 * rate of any actor in the model's family linear in their parameters (LSTD-Q in advantage-rate form: Bradtke,
 * Ydstie &amp; Barto 1994; Lagoudakis &amp; Parr, JMLR 4, 2003). The TD equations then have sufficient statistics,
 * accumulated once per transition, so every iteration uses every transition seen, at a cost independent of their
 * number. Implementations own the value and advantage models they set.
 */
interface PolicyIteration {

    /**
     * Adds transitions, host arrays in the learner's scaled states.
     *
     * @param xn x̃ (B·d), a actions (B·m), reward r̄ (B), nn x̃' (B·d), dt Δt (B)
     */
    void add(double[] xn, double[] a, double[] reward, double[] nn, double[] dt);

    /** Transitions added. */
    long count();

    /**
     * Evaluates the current actor on every transition added and improves it (a Newton step to the greedy action of
     * the evaluated advantage), setting the models.
     *
     * @return the relative change of the actor's parameters, or NaN when no step was made (too little data)
     */
    double iterate();

    /**
     * Iterations per periodic solve while data are still being collected: as many as it takes (up to eight) when the
     * model family is exact, one when it is only an approximation away from the data (an actor far from where the
     * data were collected would be evaluated by extrapolation); the final solve always iterates to convergence.
     */
    default int iterationsPerSolve() {
        return 8;
    }
}
