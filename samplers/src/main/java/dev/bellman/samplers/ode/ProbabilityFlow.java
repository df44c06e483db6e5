package dev.bellman.samplers.ode;

import ai.djl.ndarray.NDArray;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.samplers.ControlCalls;

/**
 * The probability-flow ODE (Song et al. 2021, eq. 13) in control form (DESIGN.md §1.5):
 * in generative time, dx/dτ = μ + ½ Σ u = −a(T − τ) x + ½ g(T − τ) u(T − τ, x); in forward time,
 * dx/dt = a(t) x − ½ g(t) u(t, x), whose divergence is a(t) D − ½ g(t) ∇·u.
 */
public final class ProbabilityFlow {
    private ProbabilityFlow() {}

    /** dx/dτ at generative time τ for x (B, D): one network evaluation. */
    public static OdeFunction generative(ControlCalls calls) {
        ForwardSde sde = calls.sde();
        return (tau, x) -> {
            double tf = sde.horizon() - tau;
            return calls.control(tf, x).mul(0.5 * sde.diffusion(tf)).sub(x.mul(sde.driftRate(tf)));
        };
    }
}
