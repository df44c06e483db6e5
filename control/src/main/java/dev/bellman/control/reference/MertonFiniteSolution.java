package dev.bellman.control.reference;

import dev.bellman.control.BadInputException;

/**
 * The finite-horizon Merton problem without consumption ({@code merton-finite}): maximise
 * E[e^{−ρT} U(X_T)], U(x) = x^{1−γ}/(1−γ) (ln x at γ = 1), dX = [r_f + πᵀ(μ − r_f1)]X dt + XπᵀΣdW.
 * With the ansatz V = φ(t)U(x) the HJB ρV − ∂ₜV = max_π{…} gives the constant π* = (1/γ)C⁻¹(μ − r_f1) and
 *
 * <pre>
 *   γ ≠ 1:  V(t, x) = exp([(1 − γ)M − ρ](T − t)) x^{1−γ}/(1 − γ),   M = r_f + θᵀθ/(2γ), θᵀθ = (μ−r_f1)ᵀC⁻¹(μ−r_f1)
 *   γ = 1:  V(t, x) = e^{−ρ(T−t)} [ln x + M(T − t)]
 * </pre>
 *
 * (single asset: θ = (μ − r_f)/σ). Reference: the Merton reference parameters with ρ = 0, T = 1.
 *
 * @param problem the parameters (ρ ≥ 0)
 * @param T the horizon &gt; 0
 * @param pi π*
 * @param M as above
 */
public record MertonFiniteSolution(MertonParameters problem, double T, double[] pi, double M) {
    public static final double T_DEFAULT = 1.0;

    public MertonFiniteSolution {
        if (problem == null) {
            throw new BadInputException("merton-finite needs its parameters");
        }
        if (!(T > 0) || !Double.isFinite(T)) {
            throw new BadInputException("the horizon T must be a finite number > 0, got " + T);
        }
        pi = pi.clone();
    }

    public static MertonFiniteSolution of(MertonParameters problem, double horizon) {
        if (problem == null) {
            throw new BadInputException("merton-finite needs its parameters");
        }
        return new MertonFiniteSolution(problem, horizon, MertonSolution.optimalFractions(problem),
                MertonSolution.growthRate(problem));
    }

    /** Merton reference, ρ = 0, T = 1. */
    public static MertonFiniteSolution reference() {
        return of(MertonParameters.reference().withRho(0.0), T_DEFAULT);
    }

    @Override
    public double[] pi() {
        return pi.clone();
    }

    /** The exponent rate [(1 − γ)M − ρ] of φ(t) = e^{rate·(T−t)} (power utility). */
    private double rate() {
        return (1 - problem.gamma()) * M - problem.rho();
    }

    private void requireTime(double t) {
        if (!(t >= 0 && t <= T)) {
            throw new BadInputException("t = " + t + " lies outside [0, T = " + T + "]");
        }
    }

    public double value(double t, double x) {
        requireTime(t);
        MertonSolution.requireWealth(x);
        double tau = T - t;
        if (problem.logUtility()) {
            return Math.exp(-problem.rho() * tau) * (Math.log(x) + M * tau);
        }
        double g = problem.gamma();
        return Math.exp(rate() * tau) * Math.pow(x, 1 - g) / (1 - g);
    }

    /** ∂V/∂x. */
    public double derivative(double t, double x) {
        requireTime(t);
        MertonSolution.requireWealth(x);
        double tau = T - t;
        if (problem.logUtility()) {
            return Math.exp(-problem.rho() * tau) / x;
        }
        return Math.exp(rate() * tau) * Math.pow(x, -problem.gamma());
    }

    /** ∂²V/∂x². */
    public double secondDerivative(double t, double x) {
        return -problem.gamma() * derivative(t, x) / x;
    }

    /** ∂V/∂t. */
    public double timeDerivative(double t, double x) {
        double v = value(t, x);
        if (problem.logUtility()) {
            return problem.rho() * v - Math.exp(-problem.rho() * (T - t)) * M;
        }
        return -rate() * v;
    }
}
