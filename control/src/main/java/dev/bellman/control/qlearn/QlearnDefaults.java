package dev.bellman.control.qlearn;

/**
 * Default settings for the reference problems (the command line's and the benchmark's), chosen once on
 * scalar LQR and Merton and kept the same for every Δt: only the step count follows Δt, because the TD
 * noise of a transition grows like Δt^{−1/2} (see {@link QLearner}).
 */
public final class QlearnDefaults {
    private QlearnDefaults() {}

    /**
     * LQR with m actions: exploration scale 3 per action, constant. Why so wide: the linear-quadratic learner's
     * advantage form is exact, so exploration costs no bias, and the information about the gain per transition
     * grows like s² (measured, scalar reference at Δt = 0.01, 10⁶ transitions: spread of K̂ 0.36 % at s = 1,
     * 0.19 % at s = 3).
     */
    public static QLearnerConfig lqr(int m, double dt, long seed) {
        return QLearnerConfig.of(dt, steps(dt), Exploration.constant(m, 3.0), seed);
    }

    /**
     * Merton with n assets and discount rate ρ: 8,192 transitions a step and twice the LQR step count (the TD noise
     * of Merton's value, ∂V/∂x·πσx/√Δt, is about 25 times its advantage's curvature at Δt = 0.01, so the risky
     * fraction needs ~3·10⁷ transitions for 0.5 %); exploration 1.0 on each π (its advantage is exactly quadratic, so
     * wider exploration is only more information) and 0.3 on log k (the advantage in log k is a cosh: a quadratic fit
     * with exploration s biases V by about s⁴/4 of itself, k by half that; measured k error 0.2 % at s = 0.3 against
     * 21 % at s = 1); the actor starts at π = 0, k = ρ (consume at the discount rate; admissible when
     * (2 − γ)ρ − (1 − γ)r_f &gt; 0, as for the reference, γ = 2 and r_f &gt; 0), because policy iteration needs a start
     * of finite value and k = 1 is not one for γ = 2.
     */
    public static QLearnerConfig merton(int assets, double rho, double dt, long seed) {
        double[] s = new double[assets + 1];
        java.util.Arrays.fill(s, 1.0);
        s[assets] = 0.3;
        double[] a0 = new double[assets + 1];
        a0[assets] = rho;
        return QLearnerConfig.of(dt, 2 * steps(dt), new Exploration(s, 1.0), seed).withBatch(1024, 8192).withInitialAction(a0);
    }

    /** 4,000 steps at Δt ≥ 0.01, more below. */
    static int steps(double dt) {
        return dt >= 0.01 ? 4000 : (int) Math.min(40000, Math.round(4000 * Math.sqrt(0.01 / dt)));
    }
}
