package dev.bellman.samplers.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.samplers.ControlCalls;

/**
 * A corrector: MCMC steps that leave p_t (approximately) invariant at a fixed forward time
 * t = T − τ (Song et al. 2021, §4.2), applied before the predictor step from τ to τ'.
 */
public interface Corrector {

    /**
     * @param x the state (B, D) at τ; may be updated in place
     * @return the corrected state ({@code x} itself when updated in place)
     */
    NDArray correct(ControlCalls calls, NDArray x, double tau, double tauNext);
}
