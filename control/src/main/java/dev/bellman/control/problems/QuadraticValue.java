package dev.bellman.control.problems;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.field.ScalarField;

/**
 * The quadratic scalar field φ(x) = −½xᵀPx − c (the LQR value in reward form), stationary.
 * Shapes: x (B, d) → value (B, 1), gradient −xP (B, d), Hessian −P (B, d, d).
 */
public final class QuadraticValue implements ScalarField {
    private final double[][] p;
    private final double c;

    public QuadraticValue(double[][] p, double c) {
        this.p = p;
        this.c = c;
    }

    @Override
    public int dim() {
        return p.length;
    }

    @Override
    public boolean stationary() {
        return true;
    }

    private NDArray pArray(NDArray x) {
        return HostMatrix.of(x.getManager(), p, x.getDataType());
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        return Scalars.mul(x.matMul(pArray(x)).mul(x).sum(new int[] {1}, true), -0.5).sub(c);
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        return x.matMul(pArray(x)).neg();
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        long b = x.getShape().get(0);
        return pArray(x).neg().expandDims(0).repeat(0, b).reshape(new Shape(b, p.length, p.length));
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        return x.getManager().zeros(new Shape(x.getShape().get(0), 1), x.getDataType());
    }
}
