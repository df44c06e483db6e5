package dev.bellman.control.reference;

import dev.bellman.control.BadInputException;
import java.util.Random;

/**
 * The fixed evaluation states of DESIGN.md 1.3, so every learner is scored on the same points:
 * scalar LQR, {@value #SCALAR_COUNT} points evenly on [−2, 2]; d &gt; 1, {@value #GAUSSIAN_COUNT} states
 * from N(0, I) drawn by {@code new java.util.Random(}{@value #SEED}{@code ).nextGaussian()} filled row by
 * row (state 0 coordinates 0..d−1, then state 1, …); java.util.Random's algorithm is specified by the
 * JDK (linear congruential generator, polar method), so these states are identical on every JVM.
 * Merton: {@value #SCALAR_COUNT} wealths evenly on [0.5, 5]. The seed 1957 is independent of a run's
 * --seed on purpose: changing the run seed must not change where the run is scored.
 */
public final class EvaluationStates {
    public static final int SCALAR_COUNT = 201;
    public static final int GAUSSIAN_COUNT = 4096;
    /** The year of Bellman's "Dynamic Programming". */
    public static final long SEED = 1957L;
    public static final double LQR_LOW = -2.0;
    public static final double LQR_HIGH = 2.0;
    public static final double MERTON_LOW = 0.5;
    public static final double MERTON_HIGH = 5.0;

    private EvaluationStates() {}

    /** The LQR evaluation states in dimension d: (201, 1) grid for d = 1, else (4096, d) Gaussian. */
    public static double[][] lqr(int d) {
        if (d < 1) {
            throw new BadInputException("--dim must be at least 1, got " + d);
        }
        return d == 1 ? column(linspace(LQR_LOW, LQR_HIGH, SCALAR_COUNT)) : gaussian(d);
    }

    /** (4096, d) states from N(0, I), seed {@value #SEED}. */
    public static double[][] gaussian(int d) {
        Random rng = new Random(SEED);
        double[][] x = new double[GAUSSIAN_COUNT][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return x;
    }

    /** The (201, 1) Merton wealths on [0.5, 5]. */
    public static double[][] merton() {
        return column(mertonWealths());
    }

    /** The 201 Merton wealths as a flat array. */
    public static double[] mertonWealths() {
        return linspace(MERTON_LOW, MERTON_HIGH, SCALAR_COUNT);
    }

    /** n points evenly on [lo, hi] with exact endpoints. */
    public static double[] linspace(double lo, double hi, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i == n - 1 ? hi : lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    static double[][] column(double[] v) {
        double[][] c = new double[v.length][1];
        for (int i = 0; i < v.length; i++) {
            c[i][0] = v[i];
        }
        return c;
    }
}
