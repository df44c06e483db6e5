package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.reference.MertonFiniteSolution;

/**
 * The exact value of the finite-horizon Merton problem without consumption,
 * V(t, x) = e^{[(1−γ)M − ρ](T−t)} x^{1−γ}/(1−γ) (or the log-utility form), as a time-dependent scalar
 * field on wealth x &gt; 0 (d = 1), wrapping {@link MertonFiniteSolution}; evaluated on the host.
 */
public final class MertonFiniteValue implements ScalarField {
    private final MertonFiniteSolution solution;

    public MertonFiniteValue(MertonFiniteSolution solution) {
        this.solution = solution;
    }

    @Override
    public int dim() {
        return 1;
    }

    private interface Entry {
        double at(double t, double x);
    }

    private NDArray map(NDArray t, NDArray x, Entry f, long... shape) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        double[] v = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            v[i] = f.at(ts[i], xs[i]);
        }
        return x.getManager().create(v, new Shape(shape)).toType(x.getDataType(), false);
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        return map(t, x, solution::value, x.getShape().get(0), 1);
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        return map(t, x, solution::derivative, x.getShape().get(0), 1);
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        return map(t, x, solution::secondDerivative, x.getShape().get(0), 1, 1);
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        return map(t, x, solution::timeDerivative, x.getShape().get(0), 1);
    }
}
