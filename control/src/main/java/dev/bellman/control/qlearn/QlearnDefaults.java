package dev.bellman.control.qlearn;

/**
 * Default settings for the reference problems (the command line's and the benchmark's), chosen once on
 * scalar LQR and Merton and kept the same for every Δt: only the step count follows Δt, because the TD
 * noise of a transition grows like Δt^{−1/2} (see {@link QLearner}).
 */
public final class QlearnDefaults {
    private QlearnDefaults() {}

    /** LQR in dimension d: exploration scale 1 per action. */
    public static QLearnerConfig lqr(int d, double dt, long seed) {
        return QLearnerConfig.of(dt, steps(dt), Exploration.constant(d, 1.0), seed);
    }

    /** Merton with n assets: exploration 0.3 on each π, 0.005 on k, decaying to half. */
    public static QLearnerConfig merton(int assets, double dt, long seed) {
        double[] s = new double[assets + 1];
        java.util.Arrays.fill(s, 0.3);
        s[assets] = 0.005;
        return QLearnerConfig.of(dt, steps(dt), new Exploration(s, 0.5), seed);
    }

    /** 4,000 steps at Δt ≥ 0.01, more below. */
    static int steps(double dt) {
        return dt >= 0.01 ? 4000 : (int) Math.min(40000, Math.round(4000 * Math.sqrt(0.01 / dt)));
    }
}
