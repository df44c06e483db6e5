package dev.bellman.control.reference;

import dev.bellman.control.BadInputException;
import dev.bellman.control.riccati.Matrices;
import java.util.Arrays;

/**
 * Merton's portfolio problem (DESIGN.md 1.3), multi-asset form: wealth x &gt; 0, risky fractions π ∈ R^n,
 * consumption rate k (per unit wealth), dX = [r_f + πᵀ(μ − r_f1) − k]X dt + X πᵀΣ dW with ΣΣᵀ = C, reward
 * (kx)^{1−γ}/(1−γ) (ln(kx) when γ = 1), discount ρ. The single-asset problem has μ = (mu), C = (σ²).
 * Validated: n ≥ 1, C symmetric positive definite, γ &gt; 0, ρ ≥ 0, all finite.
 *
 * @param r_f risk-free rate
 * @param mu expected returns of the risky assets
 * @param C return covariance
 * @param gamma relative risk aversion
 * @param rho discount rate
 */
public record MertonParameters(double r_f, double[] mu, double[][] C, double gamma, double rho) {
    /** Reference defaults (DESIGN.md 1.3). */
    public static final double R_F = 0.03;
    public static final double MU = 0.08;
    public static final double SIGMA = 0.2;
    public static final double GAMMA = 2.0;
    public static final double RHO = 0.05;

    public MertonParameters {
        if (mu == null || mu.length == 0) {
            throw new BadInputException("Merton problem needs at least one risky asset (mu)");
        }
        for (double v : mu) {
            if (!Double.isFinite(v)) {
                throw new BadInputException("mu must be finite, got " + Arrays.toString(mu));
            }
        }
        Matrices.requireShape("C", C, mu.length, mu.length);
        Matrices.requireSymmetric("C", C);
        Matrices.requireDefinite("C", C, true);
        if (!Double.isFinite(r_f)) {
            throw new BadInputException("r_f must be finite, got " + r_f);
        }
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new BadInputException("gamma must be a finite number > 0, got " + gamma);
        }
        if (!(rho >= 0) || !Double.isFinite(rho)) {
            throw new BadInputException("rho must be a finite number ≥ 0, got " + rho);
        }
        mu = mu.clone();
        C = Matrices.copy(C);
    }

    /** One risky asset with volatility σ &gt; 0. */
    public static MertonParameters single(double rF, double mu, double sigma, double gamma, double rho) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new BadInputException("sigma must be a finite number > 0, got " + sigma);
        }
        return new MertonParameters(rF, new double[] {mu}, new double[][] {{sigma * sigma}}, gamma, rho);
    }

    /** r_f = 0.03, μ = 0.08, σ = 0.2, γ = 2, ρ = 0.05. */
    public static MertonParameters reference() {
        return single(R_F, MU, SIGMA, GAMMA, RHO);
    }

    public MertonParameters withRho(double newRho) {
        return new MertonParameters(r_f, mu, C, gamma, newRho);
    }

    public int assets() {
        return mu.length;
    }

    public boolean logUtility() {
        return gamma == 1.0;
    }

    /** Utility of consumption rate c = kx: c^{1−γ}/(1−γ), or ln c at γ = 1. */
    public double utility(double consumption) {
        return logUtility() ? Math.log(consumption) : Math.pow(consumption, 1 - gamma) / (1 - gamma);
    }

    @Override
    public double[] mu() {
        return mu.clone();
    }

    @Override
    public double[][] C() {
        return Matrices.copy(C);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MertonParameters p && Double.compare(r_f, p.r_f) == 0 && Arrays.equals(mu, p.mu)
                && Arrays.deepEquals(C, p.C) && Double.compare(gamma, p.gamma) == 0 && Double.compare(rho, p.rho) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {r_f, mu, C, gamma, rho});
    }

    @Override
    public String toString() {
        return "MertonParameters[r_f=" + r_f + ", mu=" + Arrays.toString(mu) + ", C=" + Arrays.deepToString(C)
                + ", gamma=" + gamma + ", rho=" + rho + "]";
    }
}
