package dev.bellman.samplers.likelihood;

import ai.djl.ndarray.NDArray;
import dev.bellman.diffusion.sde.ForwardSde;

/** log π(x_T) (B, 1) of the density that closes the likelihood at t_f = T, for x_T (B, D). */
@FunctionalInterface
public interface PriorDensity {

    NDArray logDensity(NDArray xT);

    /** The SDE's prior N(0, σ_p² I), the usual stand-in for p_T (Song et al. 2021, App. D). */
    static PriorDensity of(ForwardSde sde) {
        return sde::priorLogDensity;
    }
}
