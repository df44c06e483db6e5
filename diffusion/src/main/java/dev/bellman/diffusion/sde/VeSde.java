package dev.bellman.diffusion.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Scalars;

/**
 * Variance-exploding SDE: σ(t) = σ_min (σ_max/σ_min)^t, f = 0, g = σ(t)√(2 ln(σ_max/σ_min)), m = 1,
 * s² = σ(t)² − σ_min² — the exact transition from Y_0 (score_sde uses σ(t)², which is off by σ_min²
 * at t = 0). Prior N(0, σ_max² I). σ_max defaults to the largest pairwise distance in a sample of the
 * training data (DESIGN.md §1.4), chosen by the trainer and stored with the checkpoint.
 */
public record VeSde(double sigmaMin, double sigmaMax, double horizon, double epsilon) implements ForwardSde {
    public VeSde {
        if (!(sigmaMin > 0) || !(sigmaMax > sigmaMin) || !(horizon > 0) || !(epsilon > 0) || !(epsilon < horizon)) {
            throw new BadInputException("VE SDE needs 0 < sigma_min < sigma_max and 0 < epsilon < T, got sigma_min="
                    + sigmaMin + " sigma_max=" + sigmaMax + " T=" + horizon + " epsilon=" + epsilon);
        }
    }

    /** σ_min = 0.01, the given σ_max, T = 1, ε = 1e-5. */
    public static VeSde withSigmaMax(double sigmaMax) {
        return new VeSde(0.01, sigmaMax, 1.0, 1e-5);
    }

    private double logRatio() {
        return Math.log(sigmaMax / sigmaMin);
    }

    public double sigma(double t) {
        return sigmaMin * Math.exp(t / horizon * logRatio());
    }

    @Override
    public double driftRate(double t) {
        return 0.0;
    }

    @Override
    public double diffusion(double t) {
        return sigma(t) * Math.sqrt(2 * logRatio() / horizon);
    }

    @Override
    public double meanScale(double t) {
        return 1.0;
    }

    @Override
    public double variance(double t) {
        // σ_min²(e^{2t ln r} − 1), accurate near t = 0.
        return sigmaMin * sigmaMin * Math.expm1(2 * t / horizon * logRatio());
    }

    @Override
    public double priorStd() {
        return sigmaMax;
    }

    @Override
    public NDArray driftRate(NDArray t) {
        return t.zerosLike();
    }

    @Override
    public NDArray diffusion(NDArray t) {
        return Scalars.mul(Scalars.mul(t, logRatio() / horizon).exp(), sigmaMin * Math.sqrt(2 * logRatio() / horizon));
    }

    @Override
    public NDArray meanScale(NDArray t) {
        return t.onesLike();
    }

    @Override
    public NDArray std(NDArray t) {
        return Scalars.mul(Expm1.of(Scalars.mul(t, 2 * logRatio() / horizon)).sqrt(), sigmaMin);
    }
}
