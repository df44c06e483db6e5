package dev.bellman.diffusion.net;

import ai.djl.ndarray.NDArray;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * The one place where the network's control relates to the other parameterisations of a diffusion
 * model (DESIGN.md §1.4: u = Σᵀs with Σ = g(t) I). For t (B, 1) in FORWARD time and arrays (B, D):
 * <pre>
 *   control u = g(t) · s          score s = u / g(t)
 *   noise prediction ε̂ = −s(t)_std · s = −std(t) · u / g(t)     u = −g(t) · ε̂ / std(t)
 * </pre>
 * (std(t) = s(t) the transition's standard deviation; the ε-prediction of Ho et al. 2020 is the
 * score scaled by −std, since x_t = m x_0 + std·z has ∇ log p(x_t | x_0) = −z/std.) The conditional
 * optimal control of denoising score matching is then −g z / std, the target of the trainer.
 *
 * @param sde the forward SDE that defines g and std
 */
public record Parameterisation(ForwardSde sde) {

    /** s = u / g(t). */
    public NDArray scoreFromControl(NDArray control, NDArray t) {
        return control.div(sde.diffusion(t));
    }

    /** u = g(t) s. */
    public NDArray controlFromScore(NDArray score, NDArray t) {
        return score.mul(sde.diffusion(t));
    }

    /** ε̂ = −std(t) u / g(t). */
    public NDArray noiseFromControl(NDArray control, NDArray t) {
        return control.mul(sde.std(t).div(sde.diffusion(t)).neg());
    }

    /** u = −g(t) ε̂ / std(t). */
    public NDArray controlFromNoise(NDArray noise, NDArray t) {
        return noise.mul(sde.diffusion(t).div(sde.std(t)).neg());
    }

    /** −g(t) z / std(t): the control that denoising score matching regresses on, for noise z (B, D). */
    public NDArray conditionalControl(NDArray z, NDArray t) {
        return controlFromNoise(z, t);
    }

    /** The factor g(t)/std(t) by which −z becomes the conditional optimal control (scalar t). */
    public double noiseToControl(double t) {
        return sde.diffusion(t) / sde.std(t);
    }
}
