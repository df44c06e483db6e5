package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.reference.HanJentzenE;

/**
 * The exact value of the Han–Jentzen–E HJB in reward form, V(t, x) = −u(t, x), as a scalar field
 * (DESIGN.md §1.0: V_reward = −u_cost), with u from the reference quadrature of {@link HanJentzenE}.
 *
 * <p>u is radial, u(t, x) = U(t, ‖x‖), so with r = ‖x‖ and x̂ = x/r:
 * ∇u = U_r x̂, ∇²u = U_rr x̂x̂ᵀ + (U_r/r)(I − x̂x̂ᵀ) (at r = 0: U_rr I). U_r, U_rr and ∂ₜU are central
 * differences of the quadrature (accurate to ~1e-13, so steps of 1e-3 in r and 1e-4 in t leave errors
 * of ~1e-7), one-sided (second order) at t = T. Each entry costs a few quadratures (~10 ms each off the
 * origin): for evaluation sets and tests only.
 */
public final class HjbLqValue implements ScalarField {
    private static final double HR = 1e-3;
    private static final double HT = 1e-4;
    private final HanJentzenE reference;

    public HjbLqValue(HanJentzenE reference) {
        this.reference = reference;
    }

    @Override
    public int dim() {
        return reference.d();
    }

    /** U(t, r) = u(t, r e₁). */
    public double radial(double t, double r) {
        double[] x = new double[reference.d()];
        x[0] = Math.abs(r);
        return reference.u(t, x);
    }

    private static double norm(double[] xs, int offset, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += xs[offset + j] * xs[offset + j];
        }
        return Math.sqrt(s);
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        int d = dim();
        double[] v = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            v[i] = -radial(ts[i], norm(xs, i * d, d));
        }
        return x.getManager().create(v, new Shape(ts.length, 1)).toType(x.getDataType(), false);
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        int d = dim();
        double[] g = new double[xs.length];
        for (int i = 0; i < ts.length; i++) {
            double r = norm(xs, i * d, d);
            if (r == 0) {
                continue;
            }
            double ur = (radial(ts[i], r + HR) - radial(ts[i], r - HR)) / (2 * HR);
            for (int j = 0; j < d; j++) {
                g[i * d + j] = -ur * xs[i * d + j] / r;
            }
        }
        return x.getManager().create(g, new Shape(ts.length, d)).toType(x.getDataType(), false);
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        int d = dim();
        double[] h = new double[ts.length * d * d];
        for (int i = 0; i < ts.length; i++) {
            double r = norm(xs, i * d, d);
            double up = radial(ts[i], r + HR);
            double mid = radial(ts[i], r);
            double down = radial(ts[i], r - HR);
            double urr = (up - 2 * mid + down) / (HR * HR);
            double ur = (up - down) / (2 * HR);
            double tangential = r == 0 ? urr : ur / r;
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    double xa = r == 0 ? 0 : xs[i * d + a] / r;
                    double xb = r == 0 ? 0 : xs[i * d + b] / r;
                    double entry = (urr - tangential) * xa * xb + (a == b ? tangential : 0);
                    h[(i * d + a) * d + b] = -entry;
                }
            }
        }
        return x.getManager().create(h, new Shape(ts.length, d, d)).toType(x.getDataType(), false);
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        int d = dim();
        double horizon = reference.T();
        double[] v = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            double r = norm(xs, i * d, d);
            double ti = ts[i];
            double ut;
            if (ti + HT <= horizon && ti - HT >= 0) {
                ut = (radial(ti + HT, r) - radial(ti - HT, r)) / (2 * HT);
            } else if (ti + HT > horizon) {
                ut = (3 * radial(ti, r) - 4 * radial(ti - HT, r) + radial(ti - 2 * HT, r)) / (2 * HT);
            } else {
                ut = (-3 * radial(ti, r) + 4 * radial(ti + HT, r) - radial(ti + 2 * HT, r)) / (2 * HT);
            }
            v[i] = -ut;
        }
        return x.getManager().create(v, new Shape(ts.length, 1)).toType(x.getDataType(), false);
    }
}
