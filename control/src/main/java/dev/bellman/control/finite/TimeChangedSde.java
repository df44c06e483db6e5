package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.generator.ControlledSde;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.sde.ExactTransition;

/**
 * A controlled SDE run from per-sample start times sᵢ to the horizon T on one shared local clock
 * τ ∈ [0, 1]: t = s + τ(T − s), so with c = T − s (B, 1)
 * <pre>  dX = c f(t, X, a) dτ + √c Σ(t, X, a) dW_τ  </pre>
 * has the law of the original SDE in its own time (Brownian scaling: W_{cτ} ≈ √c W_τ). One uniform
 * local grid of N steps then gives every sample N steps of its own size c/N, so the core integrator
 * ({@link dev.bellman.control.sde.EulerMaruyama}) evaluates a whole batch of start points at once.
 * The policy and every problem function see the original time t.
 */
public final class TimeChangedSde implements ControlledSde {
    private final ControlledSde sde;
    private final NDArray start;
    private final NDArray span;
    private final double horizon;

    /**
     * @param start sᵢ (B, 1)
     * @param horizon T
     */
    public TimeChangedSde(ControlledSde sde, NDArray start, double horizon) {
        this.sde = sde;
        this.start = start;
        this.horizon = horizon;
        this.span = start.neg().add(horizon);
    }

    /** c = T − s (B, 1). */
    public NDArray span() {
        return span;
    }

    /** t = s + τ c (B, 1) for a local time τ (B, 1). */
    public NDArray originalTime(NDArray tau) {
        return tau.mul(span).add(start);
    }

    /** The policy a(t, x) seen on the local clock. */
    public Policy localPolicy(Policy policy) {
        return (tau, x) -> policy.act(originalTime(tau), x);
    }

    @Override
    public int stateDim() {
        return sde.stateDim();
    }

    @Override
    public int actionDim() {
        return sde.actionDim();
    }

    @Override
    public int noiseDim() {
        return sde.noiseDim();
    }

    @Override
    public NDArray drift(NDArray tau, NDArray x, NDArray a) {
        return sde.drift(originalTime(tau), x, a).mul(span);
    }

    @Override
    public NDArray diffusion(NDArray tau, NDArray x, NDArray a) {
        return sde.diffusion(originalTime(tau), x, a).mul(span.sqrt().expandDims(2));
    }

    /**
     * The Euler–Maruyama step of this SDE, x + c f Δτ + √(cΔτ) Σ z, with the original problem's
     * constant Σ (d, n) broadcast instead of materialised per sample (d = 100 would otherwise need a
     * (B, d, d) array per step). Passed to the integrator through its custom-transition hook.
     */
    public ExactTransition eulerStep() {
        return (self, tau, dt, x, a, z) -> {
            NDArray t = originalTime(tau);
            NDArray drift = Scalars.mul(sde.drift(t, x, a).mul(span), dt);
            NDArray noise;
            if (sde.diffusionIsConstant()) {
                NDManager m = x.getManager();
                noise = z.matMul(sde.constantDiffusion(m).toType(x.getDataType(), false).transpose());
            } else {
                noise = sde.diffusion(t, x, a).matMul(z.expandDims(2)).squeeze(2);
            }
            return x.add(drift).add(noise.mul(Scalars.mul(span, dt).sqrt()));
        };
    }

    public double horizon() {
        return horizon;
    }
}
