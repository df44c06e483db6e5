package dev.bellman.control.field;

import ai.djl.ndarray.NDArray;

/**
 * The result of a {@link ScalarField#jet} evaluation; entries not requested are null.
 *
 * @param value φ (B, 1)
 * @param gradient ∇ₓφ (B, d)
 * @param hessian ∇ₓ²φ (B, d, d)
 * @param directional wₖᵀ∇²φ wₖ (B, K) for the requested directions
 * @param timeDerivative ∂ₜφ (B, 1)
 */
public record Jet(NDArray value, NDArray gradient, NDArray hessian, NDArray directional, NDArray timeDerivative) {

    /** wᵀ H w for H (B, d, d) and w (B|1, K, d) → (B, K): the closed-form fallback for directions. */
    public static NDArray directionalFromHessian(NDArray hessian, NDArray directions) {
        // (w H) has shape (B, K, d); the row-wise dot with w gives wᵀHw (H symmetric).
        return directions.matMul(hessian).mul(directions).sum(new int[] {2});
    }

    /** The same jet with every entry cut from the autograd graph. */
    public Jet detached() {
        return new Jet(stop(value), stop(gradient), stop(hessian), stop(directional), stop(timeDerivative));
    }

    private static NDArray stop(NDArray a) {
        return a == null ? null : a.stopGradient();
    }
}
