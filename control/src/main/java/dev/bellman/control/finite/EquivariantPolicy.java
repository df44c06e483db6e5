package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.generator.Policy;

/**
 * A rotation-equivariant feedback linear in its coefficients, a(t, x) = h(t, ‖x‖²) x with
 * h(t, s) = Σ_{k,l} β_{kl} T_k(t) χ_l(s): every O(d)-equivariant vector field on R^d (d ≥ 2) has this
 * form, so it is the policy class of a rotation-invariant problem ({@link Symmetry#ROTATION}); a(t, Rx) =
 * R a(t, x) holds by construction. The improvement step of {@link RadialPolicyIteration} projects pointwise
 * maximisers of r + L^aV onto it. Starts at a = 0. Host-side coefficients; t (B, 1), x (B, d) → a (B, d).
 */
public final class EquivariantPolicy implements Policy {
    private final ChebyshevTimeBasis time;
    private final RadialBasis radial;
    private double[] beta; // (p+1)·q, time-major

    public EquivariantPolicy(ChebyshevTimeBasis time, RadialBasis radial) {
        this.time = time;
        this.radial = radial;
        this.beta = new double[time.size() * radial.size()];
    }

    /** The number of coefficients (p + 1)·q. */
    public int size() {
        return beta.length;
    }

    /** The features T_k(t) χ_l(s) ((p + 1)·q, index k·q + l) at one (t, s). */
    public double[] features(double t, double s) {
        int q = radial.size();
        double[] tv = new double[time.size()];
        double[] chi = new double[q];
        time.values(t, tv);
        radial.evaluate(s, chi, null, null);
        double[] f = new double[tv.length * q];
        for (int k = 0; k < tv.length; k++) {
            for (int l = 0; l < q; l++) {
                f[k * q + l] = tv[k] * chi[l];
            }
        }
        return f;
    }

    /** Sets β ((p + 1)·q). */
    public void assign(double[] coefficients) {
        if (coefficients.length != beta.length) {
            throw new IllegalArgumentException("expected " + beta.length + " coefficients, got " + coefficients.length);
        }
        beta = coefficients.clone();
    }

    /** h(t, s). */
    public double feedback(double t, double s) {
        double[] f = features(t, s);
        double h = 0;
        for (int j = 0; j < f.length; j++) {
            h += beta[j] * f[j];
        }
        return h;
    }

    /** h(tᵢ, ‖xᵢ‖²) (B, 1) in x's manager and data type; one pass over the batch with reused buffers. */
    public NDArray feedback(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] s = RadialValue.squaredNorms(x);
        int q = radial.size();
        double[] tv = new double[time.size()];
        double[] chi = new double[q];
        double[] h = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            time.values(ts[i], tv);
            radial.evaluate(s[i], chi, null, null);
            double acc = 0;
            for (int k = 0; k < tv.length; k++) {
                double inner = 0;
                for (int l = 0; l < q; l++) {
                    inner += beta[k * q + l] * chi[l];
                }
                acc += tv[k] * inner;
            }
            h[i] = acc;
        }
        return x.getManager().create(h, new Shape(h.length, 1)).toType(x.getDataType(), false);
    }

    @Override
    public NDArray act(NDArray t, NDArray x) {
        return x.mul(feedback(t, x));
    }
}
