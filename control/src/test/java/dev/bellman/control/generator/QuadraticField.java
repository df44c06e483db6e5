package dev.bellman.control.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.field.ScalarField;

/** Test-only closed form φ(x) = −½ xᵀPx (stationary): ∇φ = −Px, ∇²φ = −P. */
final class QuadraticField implements ScalarField {
    final NDArray p; // (d, d) symmetric

    QuadraticField(NDArray p) {
        this.p = p;
    }

    @Override
    public int dim() {
        return (int) p.getShape().get(0);
    }

    @Override
    public boolean stationary() {
        return true;
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        return x.matMul(p).mul(x).sum(new int[] {1}, true).mul(-0.5);
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        return x.matMul(p).neg();
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        long b = x.getShape().get(0);
        return p.neg().expandDims(0).broadcast(new Shape(b, dim(), dim()));
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        return x.getManager().zeros(new Shape(x.getShape().get(0), 1), x.getDataType());
    }
}
