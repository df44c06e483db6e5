package dev.bellman.control.sde;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.generator.ControlledSde;

/**
 * One step x(t) → x(t + Δt) of a controlled SDE with the action held over the step, driven by
 * standard normal noise z (B, n).
 */
@FunctionalInterface
public interface Transition {

    /**
     * @param t the step's start time (B, 1)
     * @param dt Δt &gt; 0
     * @param x the state (B, d)
     * @param a the action (B, m), held constant over the step
     * @param z standard normal (B, n)
     * @return the next state (B, d)
     */
    NDArray next(ControlledSde sde, NDArray t, double dt, NDArray x, NDArray a, NDArray z);

    /**
     * Euler–Maruyama: x + f(t, x, a)Δt + Σ(t, x, a) z √Δt (Kloeden &amp; Platen 1992, §9.1; strong
     * order ½, order 1 for additive noise; weak order 1).
     */
    Transition EULER_MARUYAMA = (sde, t, dt, x, a, z) -> {
        NDArray drift = sde.drift(t, x, a);
        NDArray noise;
        if (sde.diffusionIsConstant()) {
            NDArray sigma = sde.constantDiffusion(x.getManager()).toType(x.getDataType(), false);
            noise = z.matMul(sigma.transpose());
        } else {
            NDArray sigma = sde.diffusion(t, x, a);
            noise = sigma.matMul(z.expandDims(2)).squeeze(2);
        }
        return x.add(Scalars.mul(drift, dt)).add(Scalars.mul(noise, Math.sqrt(dt)));
    };
}
