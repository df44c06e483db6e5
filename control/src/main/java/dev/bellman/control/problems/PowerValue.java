package dev.bellman.control.problems;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.field.ScalarField;

/**
 * The CRRA value φ(x) = A x^{1−γ}/(1−γ), or A ln x + b for γ = 1 (Merton, DESIGN.md §1.3),
 * stationary, on wealth x (B, 1) > 0: gradient A x^{−γ}, Hessian −γA x^{−γ−1}.
 */
public final class PowerValue implements ScalarField {
    private final double gamma;
    private final double a;
    private final double b;

    public PowerValue(double gamma, double a, double b) {
        this.gamma = gamma;
        this.a = a;
        this.b = b;
    }

    @Override
    public int dim() {
        return 1;
    }

    @Override
    public boolean stationary() {
        return true;
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        if (gamma == 1.0) {
            return Scalars.mul(x.log(), a).add(b);
        }
        return Scalars.mul(Scalars.pow(x, 1 - gamma), a / (1 - gamma));
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        return Scalars.mul(Scalars.pow(x, -gamma), a);
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        return Scalars.mul(Scalars.pow(x, -gamma - 1), -gamma * a).reshape(new Shape(x.getShape().get(0), 1, 1));
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        return x.zerosLike();
    }
}
