package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.field.ScalarField;

/**
 * A value field linear in its coefficients, V(t, x) = Σ_{k,l} θ_{kl} T_k(t) ψ_l(x), with a Chebyshev
 * time basis T_k ({@link ChebyshevTimeBasis}) and a state basis ψ_l ({@link StateBasis}); e.g. with the
 * quadratic basis V = −½xᵀS(t)x + w(t)ᵀx + c(t), S, w, c polynomials of degree p in t. Because V, ∂ₜV,
 * ∇V and ∇²V are all linear in θ, the policy's linear PDE ρV − ∂ₜV − (r + L^aV) = 0 with V(T) = g is a
 * linear least-squares problem for θ ({@link LeastSquaresPolicyIteration}).
 *
 * <p>Evaluated on the host in double precision (the bases are small); results are created in x's
 * manager with x's data type. Shapes as {@link ScalarField}: t (B, 1), x (B, d). No parameter is
 * trainable by autograd: θ is assigned by the solver.
 */
public final class SpaceTimeValue implements ScalarField {
    private final ChebyshevTimeBasis time;
    private final StateBasis state;
    private double[] theta; // (p+1)·q, time-major

    public SpaceTimeValue(ChebyshevTimeBasis time, StateBasis state) {
        this.time = time;
        this.state = state;
        this.theta = new double[time.size() * state.size()];
    }

    public ChebyshevTimeBasis timeBasis() {
        return time;
    }

    public StateBasis stateBasis() {
        return state;
    }

    /** The number of coefficients (p + 1)·q. */
    public int size() {
        return theta.length;
    }

    public double[] coefficients() {
        return theta.clone();
    }

    /** Sets θ ((p + 1)·q, index k·q + l). */
    public void assign(double[] coefficients) {
        if (coefficients.length != theta.length) {
            throw new IllegalArgumentException("expected " + theta.length + " coefficients, got " + coefficients.length);
        }
        theta = coefficients.clone();
    }

    @Override
    public int dim() {
        return state.dim();
    }

    /** The value, ∂ₜ, ∇ and ∇² at one point, on the host. */
    record Local(double value, double time, double[] gradient, double[][] hessian) {}

    Local at(double t, double[] x) {
        int d = state.dim();
        int q = state.size();
        int nt = time.size();
        double[] tv = new double[nt];
        double[] td = new double[nt];
        time.values(t, tv);
        time.timeDerivatives(t, td);
        double[] psi = new double[q];
        double[][] grad = new double[q][d];
        double[][][] hess = new double[q][d][d];
        state.evaluate(x, psi, grad, hess);
        double v = 0;
        double vt = 0;
        double[] g = new double[d];
        double[][] h = new double[d][d];
        for (int l = 0; l < q; l++) {
            double c = 0;
            double ct = 0;
            for (int k = 0; k < nt; k++) {
                c += theta[k * q + l] * tv[k];
                ct += theta[k * q + l] * td[k];
            }
            v += c * psi[l];
            vt += ct * psi[l];
            for (int i = 0; i < d; i++) {
                g[i] += c * grad[l][i];
                for (int j = 0; j < d; j++) {
                    h[i][j] += c * hess[l][i][j];
                }
            }
        }
        return new Local(v, vt, g, h);
    }

    private interface Part {
        void write(Local local, double[] out, int offset);
    }

    private NDArray map(NDArray t, NDArray x, int width, Shape shape, Part part) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        int d = state.dim();
        double[] out = new double[ts.length * width];
        double[] xi = new double[d];
        for (int i = 0; i < ts.length; i++) {
            System.arraycopy(xs, i * d, xi, 0, d);
            part.write(at(ts[i], xi), out, i * width);
        }
        return x.getManager().create(out, shape).toType(x.getDataType(), false);
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        long b = x.getShape().get(0);
        return map(t, x, 1, new Shape(b, 1), (l, o, i) -> o[i] = l.value());
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        long b = x.getShape().get(0);
        int d = dim();
        return map(t, x, d, new Shape(b, d), (l, o, i) -> System.arraycopy(l.gradient(), 0, o, i, d));
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        long b = x.getShape().get(0);
        int d = dim();
        return map(t, x, d * d, new Shape(b, d, d), (l, o, i) -> {
            for (int r = 0; r < d; r++) {
                System.arraycopy(l.hessian()[r], 0, o, i + r * d, d);
            }
        });
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        long b = x.getShape().get(0);
        return map(t, x, 1, new Shape(b, 1), (l, o, i) -> o[i] = l.time());
    }
}
