package dev.bellman.samplers.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.samplers.ControlCalls;

/**
 * A predictor of a predictor–corrector sampler (Song et al. 2021, §4.2): one step of a reverse-time
 * discretisation from generative time τ to τ' &gt; τ, i.e. from forward time t = T − τ down to
 * t' = T − τ'. Noise is drawn from the engine's generator (the caller seeds it per step).
 */
public interface Predictor {

    /**
     * @param x the state (B, D) at τ; may be updated in place
     * @param noise false on the last step (return the mean: no noise on the last step)
     * @return the state at τ' ({@code x} itself when updated in place)
     */
    NDArray step(ControlCalls calls, NDArray x, double tau, double tauNext, boolean noise);

    /** Refuses SDEs the predictor is not defined for (BadInputException); accepts all by default. */
    default void check(dev.bellman.diffusion.sde.ForwardSde sde) {}
}
