package dev.bellman.control.field;

import ai.djl.ndarray.NDArray;

/**
 * A scalar field φ(t, x) with exact derivatives in x: a value network V_θ, a closed-form value
 * (LQR, Merton), or log pₜ of a mixture (DESIGN.md §1.1).
 *
 * <p>Shapes: t (B, 1) in the problem's own time (the diffusion half passes the forward time t_f; the
 * flip ∂_τ = −∂_{t_f} happens at the reverse-time SDE), x (B, d). Values (B, 1), gradients (B, d),
 * Hessians (B, d, d), directional second derivatives (B, K).
 *
 * <p>A closed form implements the four basic methods; {@link #jet} combines them (directional second
 * derivatives from the Hessian). A network overrides {@link #jet} to get everything in one
 * forward-mode pass.
 *
 * <p>Gradients to parameters: inside an open {@code GradientCollector} the results are attached (a
 * loss on an HJB residual trains through value, gradient and second derivatives); pass a
 * {@link Derivatives#detach() detached} request, or call {@code stopGradient()} on the results, when
 * the field must stay fixed. Outside a collector nothing is recorded.
 */
public interface ScalarField {

    /** d, the state dimension. */
    int dim();

    /** φ(t, x) (B, 1). */
    NDArray value(NDArray t, NDArray x);

    /** ∇ₓφ(t, x) (B, d). */
    NDArray gradient(NDArray t, NDArray x);

    /** ∇ₓ²φ(t, x) (B, d, d). */
    NDArray hessian(NDArray t, NDArray x);

    /** ∂ₜφ(t, x) (B, 1); zeros for a stationary field. */
    NDArray timeDerivative(NDArray t, NDArray x);

    /** Whether φ does not depend on t (then ∂ₜφ = 0 and t may be any (B, 1) array). */
    default boolean stationary() {
        return false;
    }

    /**
     * Value and the requested derivatives in one call. The default composes the four basic methods
     * and takes directional second derivatives from the Hessian.
     */
    default Jet jet(NDArray t, NDArray x, Derivatives request) {
        NDArray value = value(t, x);
        NDArray gradient = request.gradient() ? gradient(t, x) : null;
        NDArray hessian = request.needsSecondOrder() ? hessian(t, x) : null;
        NDArray directional = request.directions() == null ? null
                : Jet.directionalFromHessian(hessian, request.directions());
        NDArray time = request.time() ? timeDerivative(t, x) : null;
        Jet jet = new Jet(value, gradient, request.hessian() ? hessian : null, directional, time);
        return request.detached() ? jet.detached() : jet;
    }

    /** wᵀ∇²φ w for directions w (B|1, K, d) → (B, K). */
    default NDArray directionalSecond(NDArray t, NDArray x, NDArray directions) {
        return jet(t, x, Derivatives.value().withDirections(directions)).directional();
    }

    /** Tr(ΣΣᵀ∇²φ) (B, 1) for Σ (B, d, n) or (d, n); see {@link WeightedTrace}. */
    default NDArray weightedTrace(NDArray t, NDArray x, NDArray sigma, TraceMode mode) {
        return WeightedTrace.of(this, t, x, sigma, mode);
    }
}
