package dev.bellman.control.pi;

import dev.bellman.control.BadInputException;
import java.util.Locale;

/** How policy iteration evaluates the current policy α_k (DESIGN.md §1.2). */
public enum EvaluationMethod {
    /**
     * Feynman–Kac: Monte Carlo closed-loop rollouts (Euler–Maruyama, antithetic noise) of the discounted
     * running reward over [0, T] plus the critic's bootstrap e^{−ρT}V(X_T), then least-squares regression
     * of V_θ on the returns. Carries the O(Δt) bias of the time grid and Monte Carlo noise.
     */
    MONTE_CARLO,
    /**
     * The linear PDE of the policy: drive ρV − r(x, α(x)) − L^αV(x) to zero in mean square over sampled
     * states, trained through the exact forward-mode ∇V, ∇²V. No time grid, no sampling noise in the target.
     */
    RESIDUAL,
    /** Monte Carlo in the first iteration (a data-driven warm start and scale), the residual afterwards. */
    HYBRID;

    /** The command-line spelling: {@code monte-carlo}, {@code residual}, {@code hybrid}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static EvaluationMethod parse(String text) {
        for (EvaluationMethod m : values()) {
            if (m.label().equalsIgnoreCase(text.strip()) || m.name().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new BadInputException("unknown evaluation method '" + text + "' (expected monte-carlo, residual or hybrid)");
    }

    /** Whether iteration k (1-based) uses Monte Carlo rollouts. */
    public boolean monteCarloAt(int iteration) {
        return this == MONTE_CARLO || (this == HYBRID && iteration == 1);
    }
}
