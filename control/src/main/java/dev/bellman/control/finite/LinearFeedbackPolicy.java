package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.generator.Policy;

/**
 * A policy linear in its coefficients, a_i(t, x) = Σ_{k,l} β_{ikl} T_k(t) χ_l(x): with the affine basis
 * a = −K(t)x + b(t) with K, b polynomials of degree p in t. The improvement step projects pointwise
 * maximisers of r + L^aV onto it by least squares ({@link LeastSquaresPolicyIteration}). Starts at a = 0.
 * Host-side; t (B, 1), x (B, d) → a (B, m).
 */
public final class LinearFeedbackPolicy implements Policy {
    private final ChebyshevTimeBasis time;
    private final StateBasis state;
    private final int actions;
    private double[][] beta; // m × (p+1)·q

    public LinearFeedbackPolicy(ChebyshevTimeBasis time, StateBasis state, int actions) {
        this.time = time;
        this.state = state;
        this.actions = actions;
        this.beta = new double[actions][time.size() * state.size()];
    }

    /** The features T_k(t) χ_l(x) ((p + 1)·q, index k·q + l) of one point. */
    double[] features(double t, double[] x) {
        int q = state.size();
        double[] tv = new double[time.size()];
        double[] chi = new double[q];
        time.values(t, tv);
        state.evaluate(x, chi, null, null);
        double[] f = new double[tv.length * q];
        for (int k = 0; k < tv.length; k++) {
            for (int l = 0; l < q; l++) {
                f[k * q + l] = tv[k] * chi[l];
            }
        }
        return f;
    }

    /** Sets β (m rows of (p + 1)·q). */
    public void assign(double[][] coefficients) {
        double[][] copy = new double[actions][];
        for (int i = 0; i < actions; i++) {
            copy[i] = coefficients[i].clone();
        }
        beta = copy;
    }

    double[] actAt(double t, double[] x) {
        double[] f = features(t, x);
        double[] a = new double[actions];
        for (int i = 0; i < actions; i++) {
            double s = 0;
            for (int j = 0; j < f.length; j++) {
                s += beta[i][j] * f[j];
            }
            a[i] = s;
        }
        return a;
    }

    @Override
    public NDArray act(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] xs = Host.doubles(x);
        int d = state.dim();
        double[] out = new double[ts.length * actions];
        double[] xi = new double[d];
        for (int i = 0; i < ts.length; i++) {
            System.arraycopy(xs, i * d, xi, 0, d);
            System.arraycopy(actAt(ts[i], xi), 0, out, i * actions, actions);
        }
        return x.getManager().create(out, new Shape(ts.length, actions)).toType(x.getDataType(), false);
    }
}
