package dev.bellman.control.field;

import ai.djl.ndarray.NDArray;

/**
 * What a {@link ScalarField#jet} evaluation must return besides the value (B, 1).
 *
 * <p>Build with the factories and withers: {@code Derivatives.valueAndGradient().withHessian().withTime()},
 * {@code Derivatives.value().withDirections(w)}. Requesting only what is needed matters for networks:
 * each extra order costs another forward-mode pass through the layers.
 *
 * @param gradient return ∇ₓφ (B, d)
 * @param hessian return the full Hessian ∇ₓ²φ (B, d, d); affordable for d up to ~10
 * @param time return ∂ₜφ (B, 1) in the problem's own time (zero for stationary fields)
 * @param directions directions w (B, K, d) or (1, K, d) shared by the batch, for which the jet returns
 *     wᵀ∇²φ w (B, K); null when not wanted
 * @param detached true when the caller needs no gradient to the field's parameters (policy
 *     improvement, evaluation): the returned arrays carry no autograd history
 */
public record Derivatives(boolean gradient, boolean hessian, boolean time, NDArray directions, boolean detached) {
    public Derivatives {
        if (directions != null && directions.getShape().dimension() != 3) {
            throw new IllegalArgumentException("directions must be (B, K, d) or (1, K, d), got " + directions.getShape());
        }
    }

    /** The value only. */
    public static Derivatives value() {
        return new Derivatives(false, false, false, null, false);
    }

    /** Value and gradient. */
    public static Derivatives valueAndGradient() {
        return new Derivatives(true, false, false, null, false);
    }

    /** Value, gradient and full Hessian. */
    public static Derivatives valueGradientHessian() {
        return new Derivatives(true, true, false, null, false);
    }

    public Derivatives withGradient() {
        return new Derivatives(true, hessian, time, directions, detached);
    }

    public Derivatives withHessian() {
        return new Derivatives(true, true, time, directions, detached);
    }

    public Derivatives withTime() {
        return new Derivatives(gradient, hessian, true, directions, detached);
    }

    /** Adds directional second derivatives wᵀ∇²φ w for w (B, K, d) or (1, K, d). */
    public Derivatives withDirections(NDArray w) {
        return new Derivatives(gradient, hessian, time, w, detached);
    }

    /** The same request with no gradient flowing to parameters. */
    public Derivatives detach() {
        return new Derivatives(gradient, hessian, time, directions, true);
    }

    /** Whether any second-order quantity (Hessian or directional) is wanted. */
    public boolean needsSecondOrder() {
        return hessian || directions != null;
    }
}
