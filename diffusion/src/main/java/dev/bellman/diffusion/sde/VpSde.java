package dev.bellman.diffusion.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Scalars;

/**
 * Variance-preserving SDE: β(t) = β_min + t(β_max − β_min), f = −½β(t) y, g = √β(t),
 * m(t) = exp(−¼t²(β_max − β_min) − ½tβ_min), s² = 1 − m² (DESIGN.md §1.4). Prior N(0, I).
 *
 * @param betaMin β_min (default 0.1)
 * @param betaMax β_max (default 20)
 * @param horizon T (default 1)
 * @param epsilon ε (default 1e-3)
 */
public record VpSde(double betaMin, double betaMax, double horizon, double epsilon) implements ForwardSde {
    public VpSde {
        if (!(betaMin > 0) || !(betaMax >= betaMin) || !(horizon > 0) || !(epsilon > 0) || !(epsilon < horizon)) {
            throw new BadInputException("VP SDE needs 0 < beta_min <= beta_max and 0 < epsilon < T, got beta_min="
                    + betaMin + " beta_max=" + betaMax + " T=" + horizon + " epsilon=" + epsilon);
        }
    }

    /** β_min = 0.1, β_max = 20, T = 1, ε = 1e-3. */
    public static VpSde defaults() {
        return new VpSde(0.1, 20.0, 1.0, 1e-3);
    }

    public double beta(double t) {
        return betaMin + t * (betaMax - betaMin);
    }

    /** log m(t) = −¼t²(β_max − β_min) − ½tβ_min. */
    double logMeanScale(double t) {
        return -0.25 * t * t * (betaMax - betaMin) - 0.5 * t * betaMin;
    }

    @Override
    public double driftRate(double t) {
        return -0.5 * beta(t);
    }

    @Override
    public double diffusion(double t) {
        return Math.sqrt(beta(t));
    }

    @Override
    public double meanScale(double t) {
        return Math.exp(logMeanScale(t));
    }

    @Override
    public double variance(double t) {
        // 1 − m² = −expm1(2 log m): exact near t = 0 where m² ≈ 1.
        return -Math.expm1(2 * logMeanScale(t));
    }

    @Override
    public double priorStd() {
        return 1.0;
    }

    NDArray beta(NDArray t) {
        return Scalars.mul(t, betaMax - betaMin).add(betaMin);
    }

    NDArray logMeanScale(NDArray t) {
        return Scalars.mul(t.square(), -0.25 * (betaMax - betaMin)).sub(Scalars.mul(t, 0.5 * betaMin));
    }

    @Override
    public NDArray driftRate(NDArray t) {
        return Scalars.mul(beta(t), -0.5);
    }

    @Override
    public NDArray diffusion(NDArray t) {
        return beta(t).sqrt();
    }

    @Override
    public NDArray meanScale(NDArray t) {
        return logMeanScale(t).exp();
    }

    @Override
    public NDArray std(NDArray t) {
        return Expm1.of(Scalars.mul(logMeanScale(t), 2)).neg().sqrt();
    }
}
