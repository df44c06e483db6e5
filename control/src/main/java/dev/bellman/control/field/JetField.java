package dev.bellman.control.field;

import ai.djl.ndarray.NDArray;

/**
 * A scalar field that computes everything in one {@link #jet} pass (networks with forward-mode
 * derivatives): value, gradient, Hessian and ∂ₜ are read off that pass, so an implementation writes
 * only {@code jet} (and may override {@link #value} with a cheaper forward).
 */
public interface JetField extends ScalarField {

    @Override
    Jet jet(NDArray t, NDArray x, Derivatives request);

    @Override
    default NDArray value(NDArray t, NDArray x) {
        return jet(t, x, Derivatives.value()).value();
    }

    @Override
    default NDArray gradient(NDArray t, NDArray x) {
        return jet(t, x, Derivatives.valueAndGradient()).gradient();
    }

    @Override
    default NDArray hessian(NDArray t, NDArray x) {
        return jet(t, x, Derivatives.valueGradientHessian()).hessian();
    }

    @Override
    default NDArray timeDerivative(NDArray t, NDArray x) {
        return jet(t, x, Derivatives.value().withTime()).timeDerivative();
    }
}
