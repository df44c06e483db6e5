package dev.bellman.samplers.sde;

import dev.bellman.diffusion.sde.ForwardSde;

/**
 * The exact forward transition of a linear SDE over one sampler step, from t' = T − τ' up to
 * t = T − τ: Y_t | Y_{t'} ~ N(r Y_{t'}, v I) with r = m(t)/m(t') and v = s(t)² − r² s(t')².
 *
 * <p>This one formula gives both of Song et al.'s per-SDE discretisations: for VP r = √(1 − β_i)
 * (DDPM's) and v = 1 − r² = β_i to first order; for VE r = 1 and v = σ(t)² − σ(t')² (SMLD's).
 *
 * @param ratio r
 * @param variance v
 */
record LinearTransition(double ratio, double variance) {

    static LinearTransition of(ForwardSde sde, double tau, double tauNext) {
        double t = sde.horizon() - tau;
        double tNext = sde.horizon() - tauNext;
        double r = sde.meanScale(t) / sde.meanScale(tNext);
        double v = sde.variance(t) - r * r * sde.variance(tNext);
        return new LinearTransition(r, Math.max(v, 0.0));
    }
}
