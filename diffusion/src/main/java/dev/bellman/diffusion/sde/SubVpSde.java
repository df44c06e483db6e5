package dev.bellman.diffusion.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Scalars;

/**
 * Sub-variance-preserving SDE: the VP drift, g² = β(t)(1 − e^{−2β_min t − (β_max − β_min)t²}) =
 * β(t)(1 − m⁴), m as for VP, s² = (1 − m²)² (DESIGN.md §1.4). Prior N(0, I).
 */
public record SubVpSde(double betaMin, double betaMax, double horizon, double epsilon) implements ForwardSde {
    public SubVpSde {
        if (!(betaMin > 0) || !(betaMax >= betaMin) || !(horizon > 0) || !(epsilon > 0) || !(epsilon < horizon)) {
            throw new BadInputException("sub-VP SDE needs 0 < beta_min <= beta_max and 0 < epsilon < T, got beta_min="
                    + betaMin + " beta_max=" + betaMax + " T=" + horizon + " epsilon=" + epsilon);
        }
    }

    /** β_min = 0.1, β_max = 20, T = 1, ε = 1e-3. */
    public static SubVpSde defaults() {
        return new SubVpSde(0.1, 20.0, 1.0, 1e-3);
    }

    private VpSde vp() {
        return new VpSde(betaMin, betaMax, horizon, epsilon);
    }

    @Override
    public double driftRate(double t) {
        return vp().driftRate(t);
    }

    @Override
    public double diffusion(double t) {
        return Math.sqrt(vp().beta(t) * -Math.expm1(4 * vp().logMeanScale(t)));
    }

    @Override
    public double meanScale(double t) {
        return vp().meanScale(t);
    }

    @Override
    public double variance(double t) {
        double oneMinusM2 = -Math.expm1(2 * vp().logMeanScale(t));
        return oneMinusM2 * oneMinusM2;
    }

    @Override
    public double priorStd() {
        return 1.0;
    }

    @Override
    public NDArray driftRate(NDArray t) {
        return vp().driftRate(t);
    }

    @Override
    public NDArray diffusion(NDArray t) {
        VpSde vp = vp();
        return vp.beta(t).mul(Expm1.of(Scalars.mul(vp.logMeanScale(t), 4)).neg()).sqrt();
    }

    @Override
    public NDArray meanScale(NDArray t) {
        return vp().meanScale(t);
    }

    @Override
    public NDArray std(NDArray t) {
        return Expm1.of(Scalars.mul(vp().logMeanScale(t), 2)).neg();
    }
}
