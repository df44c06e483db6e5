package dev.bellman.control.sde;

import dev.bellman.control.BadInputException;

/**
 * Strictly increasing times t₀ &lt; t₁ &lt; … &lt; t_N in the problem's own time; non-uniform grids let
 * stiff ends (the reverse SDE near τ = T) get denser steps.
 *
 * @param times the N + 1 grid points
 */
public record TimeGrid(double[] times) {
    public TimeGrid {
        if (times == null || times.length < 2) {
            throw new BadInputException("a time grid needs at least two points");
        }
        for (int i = 1; i < times.length; i++) {
            if (!(times[i] > times[i - 1]) || !Double.isFinite(times[i])) {
                throw new BadInputException("time grid must be strictly increasing and finite at index " + i);
            }
        }
        times = times.clone();
    }

    /** N equal steps from t0 to t1. */
    public static TimeGrid uniform(double t0, double t1, int steps) {
        if (steps < 1) {
            throw new BadInputException("a time grid needs at least one step, got " + steps);
        }
        double[] t = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            t[i] = t0 + (t1 - t0) * i / steps;
        }
        t[steps] = t1;
        return new TimeGrid(t);
    }

    /** N, the number of steps. */
    public int steps() {
        return times.length - 1;
    }

    /** tₖ. */
    public double time(int k) {
        return times[k];
    }

    /** tₖ₊₁ − tₖ. */
    public double dt(int k) {
        return times[k + 1] - times[k];
    }

    @Override
    public double[] times() {
        return times.clone();
    }
}
