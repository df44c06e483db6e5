package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.field.ScalarField;

/**
 * A radial value linear in its coefficients, V(t, x) = F(t, ‖x‖²) with
 * F(t, s) = Σ_{k,l} θ_{kl} T_k(t) φ_l(s), a Chebyshev time basis T_k ({@link ChebyshevTimeBasis}) and a
 * radial basis φ_l ({@link RadialBasis}): the value architecture of a rotation-invariant problem
 * ({@link Symmetry#ROTATION}), whose exact value is radial. Like {@link SpaceTimeValue}, V, ∂ₜV and the
 * generator are linear in θ, so a policy's linear PDE is a least-squares problem for θ
 * ({@link RadialPolicyIteration}).
 *
 * <p>Derivatives in x follow from F's in s: ∇V = 2F_s x (B, d), ∇²V = 2F_s I + 4F_ss xxᵀ (B, d, d), and
 * along directions w: wᵀ∇²V w = 2F_s‖w‖² + 4F_ss (w·x)² (B, K) — O(Kd) per state, so the core's exact
 * column trace stays cheap at d = 100. F and its derivatives are evaluated on the host in double
 * precision (one small basis per state); results are created in x's manager with x's data type. No
 * autograd parameter: θ is assigned by the solver.
 */
public final class RadialValue implements ScalarField {
    private final ChebyshevTimeBasis time;
    private final RadialBasis radial;
    private final int dim;
    private double[] theta; // (p+1)·q, time-major

    public RadialValue(ChebyshevTimeBasis time, RadialBasis radial, int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be ≥ 1, got " + dim);
        }
        this.time = time;
        this.radial = radial;
        this.dim = dim;
        this.theta = new double[time.size() * radial.size()];
    }

    public ChebyshevTimeBasis timeBasis() {
        return time;
    }

    public RadialBasis radialBasis() {
        return radial;
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
        return dim;
    }

    /**
     * F and its derivatives at one (t, s).
     *
     * @param value F
     * @param time ∂ₜF
     * @param first F_s
     * @param second F_ss
     */
    public record Radial(double value, double time, double first, double second) {}

    /** F, ∂ₜF, F_s, F_ss at (t, s = ‖x‖²). */
    public Radial at(double t, double s) {
        int q = radial.size();
        int nt = time.size();
        double[] tv = new double[nt];
        double[] td = new double[nt];
        time.values(t, tv);
        time.timeDerivatives(t, td);
        double[] phi = new double[q];
        double[] d1 = new double[q];
        double[] d2 = new double[q];
        radial.evaluate(s, phi, d1, d2);
        double f = 0;
        double ft = 0;
        double fs = 0;
        double fss = 0;
        for (int k = 0; k < nt; k++) {
            for (int l = 0; l < q; l++) {
                double c = theta[k * q + l];
                f += c * tv[k] * phi[l];
                ft += c * td[k] * phi[l];
                fs += c * tv[k] * d1[l];
                fss += c * tv[k] * d2[l];
            }
        }
        return new Radial(f, ft, fs, fss);
    }

    /** F, ∂ₜF, F_s, F_ss at every point of a batch: four arrays of length B. */
    double[][] radialParts(NDArray t, NDArray x) {
        double[] ts = Host.doubles(t);
        double[] s = squaredNorms(x);
        double[][] out = new double[4][ts.length];
        for (int i = 0; i < ts.length; i++) {
            Radial r = at(ts[i], s[i]);
            out[0][i] = r.value();
            out[1][i] = r.time();
            out[2][i] = r.first();
            out[3][i] = r.second();
        }
        return out;
    }

    /** ‖xᵢ‖² for x (B, d), on the host. */
    static double[] squaredNorms(NDArray x) {
        double[] xs = Host.doubles(x);
        int d = (int) x.getShape().get(1);
        double[] s = new double[xs.length / d];
        for (int i = 0; i < s.length; i++) {
            double acc = 0;
            for (int j = 0; j < d; j++) {
                acc += xs[i * d + j] * xs[i * d + j];
            }
            s[i] = acc;
        }
        return s;
    }

    private static NDArray column(NDManager manager, double[] v, DataType type) {
        return manager.create(v, new Shape(v.length, 1)).toType(type, false);
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        return column(x.getManager(), radialParts(t, x)[0], x.getDataType());
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        return x.mul(Scalars.mul(column(x.getManager(), radialParts(t, x)[2], x.getDataType()), 2));
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        double[][] parts = radialParts(t, x);
        return hessian(x, parts[2], parts[3]);
    }

    private NDArray hessian(NDArray x, double[] fs, double[] fss) {
        NDManager m = x.getManager();
        long b = x.getShape().get(0);
        NDArray twoFs = Scalars.mul(m.create(fs, new Shape(b, 1, 1)).toType(x.getDataType(), false), 2);
        NDArray fourFss = Scalars.mul(m.create(fss, new Shape(b, 1, 1)).toType(x.getDataType(), false), 4);
        NDArray outer = x.expandDims(2).mul(x.expandDims(1));
        return outer.mul(fourFss).add(m.eye(dim, dim, 0, x.getDataType()).expandDims(0).mul(twoFs));
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        return column(x.getManager(), radialParts(t, x)[1], x.getDataType());
    }

    /** One host pass for all requested parts; directions w (B|1, K, d) give 2F_s‖w‖² + 4F_ss(w·x)² (B, K). */
    @Override
    public Jet jet(NDArray t, NDArray x, Derivatives request) {
        double[][] parts = radialParts(t, x);
        NDManager m = x.getManager();
        DataType type = x.getDataType();
        NDArray value = column(m, parts[0], type);
        NDArray fs = column(m, parts[2], type);
        NDArray gradient = request.gradient() ? x.mul(Scalars.mul(fs, 2)) : null;
        NDArray hessian = request.hessian() ? hessian(x, parts[2], parts[3]) : null;
        NDArray directional = null;
        NDArray w = request.directions();
        if (w != null) {
            NDArray fss = column(m, parts[3], type);
            NDArray wx = w.getShape().get(0) == 1 && x.getShape().get(0) != 1
                    ? x.matMul(w.get(0).transpose()) // (B, d)·(d, K)
                    : w.mul(x.expandDims(1)).sum(new int[] {2}); // (B, K)
            NDArray ww = w.square().sum(new int[] {2}); // (B|1, K)
            directional = ww.mul(Scalars.mul(fs, 2)).add(wx.square().mul(Scalars.mul(fss, 4)));
        }
        NDArray time = request.time() ? column(m, parts[1], type) : null;
        return new Jet(value, gradient, hessian, directional, time);
    }
}
