package dev.bellman.diffusion.exact;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.field.ScalarField;

/**
 * W(τ, x) = log p_{T−τ}(x): a {@link MixtureLogDensity} seen in generative time τ, the reward-form
 * value of {@link DiffusionControlProblem}. x-derivatives are those of log p at t_f = T − τ;
 * ∂_τW = −∂_{t_f} log p (the flip of DESIGN.md §1.0). Shapes: t (B, 1) generative time, x (B, d).
 */
public final class GenerativeTimeLogDensity implements ScalarField {
    private final MixtureLogDensity logDensity;
    private final double horizon;

    public GenerativeTimeLogDensity(MixtureLogDensity logDensity) {
        this.logDensity = logDensity;
        this.horizon = logDensity.sde().horizon();
    }

    @Override
    public int dim() {
        return logDensity.dim();
    }

    private NDArray forward(NDArray tau) {
        return tau.neg().add(horizon);
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            return scope.keep(logDensity.value(forward(t), x));
        }
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            return scope.keep(logDensity.gradient(forward(t), x));
        }
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            return scope.keep(logDensity.hessian(forward(t), x));
        }
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        try (Scope scope = Scope.open()) {
            return scope.keep(logDensity.timeDerivative(forward(t), x).neg());
        }
    }

    @Override
    public Jet jet(NDArray t, NDArray x, Derivatives request) {
        try (Scope scope = Scope.open()) {
            Jet j = logDensity.jet(forward(t), x, request);
            return new Jet(scope.keep(j.value()), scope.keep(j.gradient()), scope.keep(j.hessian()),
                    scope.keep(j.directional()), j.timeDerivative() == null ? null : scope.keep(j.timeDerivative().neg()));
        }
    }
}
