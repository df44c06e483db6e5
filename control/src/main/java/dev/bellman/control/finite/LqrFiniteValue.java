package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.reference.LqrFiniteSolution;
import java.util.HashMap;
import java.util.Map;

/**
 * The exact finite-horizon LQR value V(t, x) = −½xᵀP(t)x − c(t) (reward form) as a time-dependent
 * scalar field, with P, c from the Riccati ODE of {@link LqrFiniteSolution}: ∇V = −P(t)x,
 * ∇²V = −P(t), ∂ₜV = −½xᵀṖx − ċ. Evaluated on the host per row (each row has its own time), so it is
 * meant for evaluation sets and tests, not training loops.
 */
public final class LqrFiniteValue implements ScalarField {
    private final LqrFiniteSolution solution;
    private final int d;
    private final Map<Double, double[][]> pCache = new HashMap<>();

    public LqrFiniteValue(LqrFiniteSolution solution) {
        this.solution = solution;
        this.d = solution.problem().dynamics().stateDimension();
    }

    @Override
    public int dim() {
        return d;
    }

    private double[][] p(double t) {
        return pCache.computeIfAbsent(t, solution::P);
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        double[] v = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            v[i] = -0.5 * quadratic(p(ts[i]), xs, i * d) - solution.c(ts[i]);
        }
        return x.getManager().create(v, new Shape(ts.length, 1)).toType(x.getDataType(), false);
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        double[] g = new double[xs.length];
        for (int i = 0; i < ts.length; i++) {
            double[][] p = p(ts[i]);
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += p[r][c] * xs[i * d + c];
                }
                g[i * d + r] = -s;
            }
        }
        return x.getManager().create(g, new Shape(ts.length, d)).toType(x.getDataType(), false);
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] h = new double[ts.length * d * d];
        for (int i = 0; i < ts.length; i++) {
            double[][] p = p(ts[i]);
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    h[(i * d + r) * d + c] = -p[r][c];
                }
            }
        }
        return x.getManager().create(h, new Shape(ts.length, d, d)).toType(x.getDataType(), false);
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        double[] v = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            double[] xi = new double[d];
            System.arraycopy(xs, i * d, xi, 0, d);
            v[i] = solution.timeDerivative(ts[i], xi);
        }
        return x.getManager().create(v, new Shape(ts.length, 1)).toType(x.getDataType(), false);
    }

    private double quadratic(double[][] m, double[] xs, int offset) {
        double s = 0;
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                s += xs[offset + r] * m[r][c] * xs[offset + c];
            }
        }
        return s;
    }
}
