package dev.bellman.diffusion.exact;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.HostVectorField;
import dev.bellman.control.field.VectorField;
import java.util.Optional;

/**
 * The exact optimal control of the diffusion control problem (DESIGN.md §1.4) for Gaussian-mixture
 * data: u*(t_f, x) = g(t_f) ∇log p_{t_f}(x) (Σ = g I, u* = Σᵀ∇log p), in FORWARD time t_f like every
 * control of a {@link dev.bellman.diffusion.ControlModel}.
 *
 * <p>The divergence is exact whatever {@link DivergenceMode} is asked for: ∇·u* = g Δ log p_{t_f}, a
 * closed form cheaper than any estimator. Shapes: t (B, 1), x (B, d) → (B, d); divergence (B, 1).
 */
public final class ExactControl implements VectorField {
    private final MixtureLogDensity logDensity;

    public ExactControl(MixtureLogDensity logDensity) {
        this.logDensity = logDensity;
    }

    /** The field log p_{t_f} whose scaled gradient this control is. */
    public MixtureLogDensity logDensity() {
        return logDensity;
    }

    @Override
    public int dim() {
        return logDensity.dim();
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            NDArray g = diffusion(t, x);
            return scope.keep(logDensity.gradient(t, x).mul(g));
        }
    }

    @Override
    public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
        try (Scope scope = Scope.open()) {
            NDArray g = diffusion(t, x);
            return scope.keep(logDensity.laplacian(t, x).mul(g));
        }
    }

    /** u* on host arrays in float64 ({@link HostExactControl}). */
    @Override
    public Optional<HostVectorField> onHost() {
        return Optional.of(new HostExactControl(logDensity));
    }

    private NDArray diffusion(NDArray t, NDArray x) {
        return SdeCoefficients.diffusion(logDensity.sde(), t, x.getManager(), x.getDataType());
    }
}
