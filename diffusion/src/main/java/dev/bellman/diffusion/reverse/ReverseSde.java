package dev.bellman.diffusion.reverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.generator.ControlledSde;
import dev.bellman.control.generator.Policy;
import dev.bellman.control.field.VectorField;
import dev.bellman.diffusion.sde.ForwardSde;

/**
 * The generative model as a controlled SDE in generative time τ ∈ [0, T] (DESIGN.md §1.4):
 *
 * <pre>  dX_τ = (μ(X_τ, τ) + Σ(τ) u) dτ + Σ(τ) dW_τ,   μ(x, τ) = −f(x, T − τ),  Σ(τ) = g(T − τ) I,</pre>
 *
 * X_0 ~ prior ≈ p_T. This is THE one place where time flips: the control problem's own time is τ,
 * while forward SDE coefficients and networks are evaluated at t_f = T − τ ({@link #forwardTime}).
 * Actions are the control u ∈ R^D (m = n = d = D); Σ is a multiple of the identity, so the core's
 * generator and integrator see it as the constant-in-x diagonal g(T − τ) I.
 *
 * <p>Shapes: t (B, 1) generative time τ, x (B, D), a (B, D).
 */
public final class ReverseSde implements ControlledSde {
    private final ForwardSde forward;
    private final int dim;

    public ReverseSde(ForwardSde forward, int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dim);
        }
        this.forward = forward;
        this.dim = dim;
    }

    public ForwardSde forward() {
        return forward;
    }

    /** T. */
    public double horizon() {
        return forward.horizon();
    }

    /** t_f = T − τ for generative times {@code tau} (B, 1). */
    public NDArray forwardTime(NDArray tau) {
        return tau.neg().add(forward.horizon());
    }

    /** t_f = T − τ. */
    public double forwardTime(double tau) {
        return forward.horizon() - tau;
    }

    @Override
    public int stateDim() {
        return dim;
    }

    @Override
    public int actionDim() {
        return dim;
    }

    @Override
    public int noiseDim() {
        return dim;
    }

    /** μ(x, τ) = −a(T − τ) x (B, D). */
    public NDArray uncontrolledDrift(NDArray tau, NDArray x) {
        return forward.driftRate(forwardTime(tau)).neg().mul(x);
    }

    /** Σ(τ) = g(T − τ) as (B, 1): the diffusion is this scalar times the identity. */
    public NDArray sigma(NDArray tau) {
        return forward.diffusion(forwardTime(tau));
    }

    /** Σ(τ) = g(T − τ). */
    public double sigma(double tau) {
        return forward.diffusion(forwardTime(tau));
    }

    /** div μ = −D a(T − τ) (B, 1), the running-cost term of DESIGN.md §1.4. */
    public NDArray driftDivergence(NDArray tau) {
        return Scalars.mul(forward.driftRate(forwardTime(tau)), -dim);
    }

    /** f = μ + Σ a (B, D). */
    @Override
    public NDArray drift(NDArray tau, NDArray x, NDArray a) {
        return uncontrolledDrift(tau, x).add(sigma(tau).mul(a));
    }

    /** Σ(τ) = g(T − τ) I as (B, D, D). Prefer {@link #sigma(NDArray)}: it is a scalar per row. */
    @Override
    public NDArray diffusion(NDArray tau, NDArray x, NDArray a) {
        NDManager m = x.getManager();
        NDArray eye = m.eye(dim, dim, 0, x.getDataType()).reshape(new Shape(1, dim, dim));
        return sigma(tau).reshape(-1, 1, 1).mul(eye);
    }

    /**
     * The control in generative time as a policy of the core: a(τ, x) = u(T − τ, x), for the core's
     * integrator and generator.
     */
    public Policy policy(VectorField control) {
        return (tau, x) -> control.value(forwardTime(tau), x);
    }
}
