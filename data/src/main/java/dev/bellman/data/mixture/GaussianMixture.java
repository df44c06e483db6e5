package dev.bellman.data.mixture;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.DataException;
import dev.bellman.data.Distribution;
import dev.bellman.data.HostArrays;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A Gaussian mixture p(x) = Σ_k w_k N(x; μ_k, C_k) on R^d, with its exact log-density and score.
 *
 * <p>Parameters are held in double precision; the Cholesky factors L_k (C_k = L_k L_kᵀ), their
 * inverses A_k = L_k⁻¹ and the log-normalisers are computed once. Batched evaluation on NDArrays
 * works in the input's precision (float32 or float64) and uses log-sum-exp over components, so
 * points far from every component give finite log-densities and scores.
 *
 * <p>A mixture stays a mixture under a linear SDE Y_t = m Y_0 + s Z: see {@link #pushForward}.
 * Immutable and thread-safe.
 */
public final class GaussianMixture implements Distribution {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int d;
    private final int k;
    private final double[] weights;
    private final double[][] means;
    private final double[][][] covariances;
    private final double[][][] cholesky;
    private final double[][][] choleskyInverse;
    /** log w_k − d/2 log 2π − log det L_k. */
    private final double[] logNormalisers;
    private final double[] cumulativeWeights;
    /** σ_k when every C_k = σ_k² I (a fast path), else null. */
    private final double[] isotropicStd;

    /**
     * A mixture from weights, means and full covariances (copied).
     *
     * @param weights K positive finite weights; normalised to sum 1 if they do not already
     * @param means K means of dimension d
     * @param covariances K symmetric positive definite d × d covariances
     * @throws DataException if any of these conditions fails; the message says which component
     */
    public GaussianMixture(double[] weights, double[][] means, double[][][] covariances) {
        if (weights == null || means == null || covariances == null) {
            throw new DataException("gaussian mixture: weights, means and covariances are all required");
        }
        k = weights.length;
        if (k == 0) {
            throw new DataException("gaussian mixture: needs at least one component");
        }
        if (means.length != k || covariances.length != k) {
            throw new DataException("gaussian mixture: " + k + " weights but " + means.length + " means and "
                    + covariances.length + " covariances");
        }
        if (means[0] == null || means[0].length == 0) {
            throw new DataException("gaussian mixture: mean 0 is empty");
        }
        d = means[0].length;
        double total = 0;
        for (int i = 0; i < k; i++) {
            if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
                throw new DataException("gaussian mixture: weight " + i + " is " + weights[i] + ", must be positive and finite");
            }
            total += weights[i];
        }
        this.weights = new double[k];
        this.means = new double[k][];
        this.covariances = new double[k][][];
        this.cholesky = new double[k][][];
        this.choleskyInverse = new double[k][][];
        this.logNormalisers = new double[k];
        this.cumulativeWeights = new double[k];
        double cumulative = 0;
        boolean isotropic = true;
        double[] std = new double[k];
        for (int i = 0; i < k; i++) {
            this.weights[i] = weights[i] / total;
            cumulative += this.weights[i];
            cumulativeWeights[i] = cumulative;
            if (means[i] == null || means[i].length != d) {
                throw new DataException("gaussian mixture: mean " + i + " has dimension "
                        + (means[i] == null ? 0 : means[i].length) + ", mean 0 has " + d);
            }
            for (double v : means[i]) {
                if (!Double.isFinite(v)) {
                    throw new DataException("gaussian mixture: mean " + i + " has a non-finite entry " + v);
                }
            }
            this.means[i] = means[i].clone();
            double[][] c = covariances[i];
            checkCovariance(i, c);
            this.covariances[i] = deepCopy(c);
            double[][] l = Cholesky.lower(c);
            if (l == null) {
                throw new DataException("gaussian mixture: covariance " + i + " is not positive definite");
            }
            cholesky[i] = l;
            choleskyInverse[i] = Cholesky.invertLower(l);
            double logDetL = 0;
            for (int j = 0; j < d; j++) {
                logDetL += Math.log(l[j][j]);
            }
            logNormalisers[i] = Math.log(this.weights[i]) - 0.5 * d * LOG_2PI - logDetL;
            isotropic &= isScaledIdentity(c);
            std[i] = Math.sqrt(c[0][0]);
        }
        cumulativeWeights[k - 1] = 1.0;
        isotropicStd = isotropic ? std : null;
    }

    private void checkCovariance(int i, double[][] c) {
        if (c == null || c.length != d) {
            throw new DataException("gaussian mixture: covariance " + i + " has " + (c == null ? 0 : c.length)
                    + " rows, expected " + d);
        }
        double scale = 0;
        for (int r = 0; r < d; r++) {
            if (c[r] == null || c[r].length != d) {
                throw new DataException("gaussian mixture: covariance " + i + " row " + r + " has "
                        + (c[r] == null ? 0 : c[r].length) + " entries, expected " + d);
            }
            for (int s = 0; s < d; s++) {
                if (!Double.isFinite(c[r][s])) {
                    throw new DataException("gaussian mixture: covariance " + i + " has a non-finite entry " + c[r][s]);
                }
                scale = Math.max(scale, Math.abs(c[r][s]));
            }
        }
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < r; s++) {
                // Tolerate rounding in files written with a few digits, not a genuinely asymmetric matrix.
                if (Math.abs(c[r][s] - c[s][r]) > 1e-9 * scale) {
                    throw new DataException("gaussian mixture: covariance " + i + " is not symmetric: entry (" + r + ","
                            + s + ") = " + c[r][s] + " but (" + s + "," + r + ") = " + c[s][r]);
                }
            }
        }
    }

    private static boolean isScaledIdentity(double[][] c) {
        for (int r = 0; r < c.length; r++) {
            for (int s = 0; s < c.length; s++) {
                if (r == s ? c[r][s] != c[0][0] : c[r][s] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The mixture with equal weights and covariance σ² I for every component. */
    public static GaussianMixture isotropic(double[][] means, double std) {
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new DataException("gaussian mixture: standard deviation " + std + " must be positive and finite");
        }
        int k = means.length;
        double[] w = new double[k];
        Arrays.fill(w, 1.0);
        double[][][] cov = new double[k][][];
        for (int i = 0; i < k; i++) {
            int d = means[i].length;
            cov[i] = new double[d][d];
            for (int j = 0; j < d; j++) {
                cov[i][j][j] = std * std;
            }
        }
        return new GaussianMixture(w, means, cov);
    }

    /**
     * The law of Y_t = m Y_0 + s Z with Y_0 from this mixture and Z ~ N(0, I) independent: the mixture
     * with means m μ_k and covariances m² C_k + s² I (the marginal p_t of a linear forward SDE, where
     * m = m(t), s² = s(t)²).
     *
     * @param m the mean factor (finite)
     * @param s2 the added variance s² (≥ 0, finite)
     */
    public GaussianMixture pushForward(double m, double s2) {
        if (!Double.isFinite(m) || !(s2 >= 0) || !Double.isFinite(s2)) {
            throw new IllegalArgumentException("pushForward needs a finite m and a finite s² ≥ 0, got m = " + m + ", s² = " + s2);
        }
        double[][] mu = new double[k][d];
        double[][][] cov = new double[k][d][d];
        for (int i = 0; i < k; i++) {
            for (int r = 0; r < d; r++) {
                mu[i][r] = m * means[i][r];
                for (int s = 0; s < d; s++) {
                    cov[i][r][s] = m * m * covariances[i][r][s] + (r == s ? s2 : 0.0);
                }
            }
        }
        return new GaussianMixture(weights, mu, cov);
    }

    @Override
    public int dimension() {
        return d;
    }

    /** The number of components K. */
    public int components() {
        return k;
    }

    /** The normalised weights w_k (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** The mean μ_k (a copy). */
    public double[] mean(int component) {
        return means[component].clone();
    }

    /** The covariance C_k (a copy). */
    public double[][] covariance(int component) {
        return deepCopy(covariances[component]);
    }

    /** The lower Cholesky factor L_k of C_k (a copy). */
    public double[][] choleskyFactor(int component) {
        return deepCopy(cholesky[component]);
    }

    /** The mixture mean Σ w_k μ_k. */
    public double[] mean() {
        double[] out = new double[d];
        for (int i = 0; i < k; i++) {
            for (int r = 0; r < d; r++) {
                out[r] += weights[i] * means[i][r];
            }
        }
        return out;
    }

    /** The mixture covariance Σ w_k (C_k + μ_k μ_kᵀ) − μ μᵀ. */
    public double[][] covariance() {
        double[] mu = mean();
        double[][] out = new double[d][d];
        for (int i = 0; i < k; i++) {
            for (int r = 0; r < d; r++) {
                for (int s = 0; s < d; s++) {
                    out[r][s] += weights[i] * (covariances[i][r][s] + means[i][r] * means[i][s]);
                }
            }
        }
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < d; s++) {
                out[r][s] -= mu[r] * mu[s];
            }
        }
        return out;
    }

    @Override
    public double[] sampleFlat(int n, RandomGenerator rng) {
        if (n < 0) {
            throw new IllegalArgumentException("sample count must be ≥ 0, got " + n);
        }
        double[] out = new double[Math.multiplyExact(n, d)];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            int c = component(rng.nextDouble());
            for (int r = 0; r < d; r++) {
                z[r] = rng.nextGaussian();
            }
            double[][] l = cholesky[c];
            for (int r = 0; r < d; r++) {
                double v = means[c][r];
                for (int s = 0; s <= r; s++) {
                    v += l[r][s] * z[s];
                }
                out[i * d + r] = v;
            }
        }
        return out;
    }

    private int component(double u) {
        int idx = Arrays.binarySearch(cumulativeWeights, u);
        idx = idx >= 0 ? idx + 1 : -idx - 1;
        return Math.min(idx, k - 1);
    }

    // ---------------------------------------------------------------- double precision, one point

    /** The per-component terms log w_k + log N(x; μ_k, C_k), with A_k(μ_k − x) in {@code z}. */
    private double[] logits(double[] x, double[][] z) {
        if (x.length != d) {
            throw new IllegalArgumentException("x has dimension " + x.length + ", the mixture " + d);
        }
        double[] logits = new double[k];
        for (int i = 0; i < k; i++) {
            double[][] a = choleskyInverse[i];
            double quad = 0;
            for (int r = 0; r < d; r++) {
                double v = 0;
                for (int s = 0; s <= r; s++) {
                    v += a[r][s] * (means[i][s] - x[s]);
                }
                z[i][r] = v;
                quad += v * v;
            }
            logits[i] = logNormalisers[i] - 0.5 * quad;
        }
        return logits;
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : v) {
            max = Math.max(max, e);
        }
        double s = 0;
        for (double e : v) {
            s += Math.exp(e - max);
        }
        return max + Math.log(s);
    }

    /** log p(x) for one point {@code x} (d). */
    public double logDensity(double[] x) {
        return logSumExp(logits(x, new double[k][d]));
    }

    /** ∇ log p(x) = Σ_k r_k(x) C_k⁻¹(μ_k − x) for one point {@code x} (d), r_k the responsibilities. */
    public double[] score(double[] x) {
        double[][] z = new double[k][d];
        double[] logits = logits(x, z);
        double lse = logSumExp(logits);
        double[] g = new double[d];
        for (int i = 0; i < k; i++) {
            double r = Math.exp(logits[i] - lse);
            double[] pz = precisionTimes(i, z[i]);
            for (int s = 0; s < d; s++) {
                g[s] += r * pz[s];
            }
        }
        return g;
    }

    /**
     * The Hessian ∇² log p(x) (d, d) for one point: Σ_k r_k (g_k g_kᵀ − C_k⁻¹) − ∇log p ∇log pᵀ with
     * g_k = C_k⁻¹(μ_k − x).
     */
    public double[][] hessian(double[] x) {
        double[][] z = new double[k][d];
        double[] logits = logits(x, z);
        double lse = logSumExp(logits);
        double[] g = new double[d];
        double[][] h = new double[d][d];
        for (int i = 0; i < k; i++) {
            double r = Math.exp(logits[i] - lse);
            double[] gk = precisionTimes(i, z[i]);
            double[][] a = choleskyInverse[i];
            for (int p = 0; p < d; p++) {
                g[p] += r * gk[p];
                for (int q = 0; q < d; q++) {
                    // (C⁻¹)_pq = Σ_r A_rp A_rq
                    double prec = 0;
                    for (int t = Math.max(p, q); t < d; t++) {
                        prec += a[t][p] * a[t][q];
                    }
                    h[p][q] += r * (gk[p] * gk[q] - prec);
                }
            }
        }
        for (int p = 0; p < d; p++) {
            for (int q = 0; q < d; q++) {
                h[p][q] -= g[p] * g[q];
            }
        }
        return h;
    }

    /** A_kᵀ z, i.e. C_k⁻¹(μ_k − x) when z = A_k(μ_k − x). */
    private double[] precisionTimes(int i, double[] z) {
        double[][] a = choleskyInverse[i];
        double[] out = new double[d];
        for (int s = 0; s < d; s++) {
            double v = 0;
            for (int r = s; r < d; r++) {
                v += a[r][s] * z[r];
            }
            out[s] = v;
        }
        return out;
    }

    // ---------------------------------------------------------------- batched, NDArray

    /** log p(x) and ∇log p(x) of a batch; both belong to the manager of the input. */
    public record Evaluation(NDArray logDensity, NDArray score) implements AutoCloseable {
        @Override
        public void close() {
            logDensity.close();
            if (score != null) {
                score.close();
            }
        }
    }

    /**
     * log p(x) of a batch.
     *
     * @param x (B, d), float32 or float64
     * @return (B, 1) in x's type and manager
     */
    public NDArray logDensity(NDArray x) {
        return evaluate(x, false).logDensity();
    }

    /**
     * ∇ log p(x) of a batch.
     *
     * @param x (B, d), float32 or float64
     * @return (B, d) in x's type and manager
     */
    public NDArray score(NDArray x) {
        Evaluation e = evaluate(x, true);
        e.logDensity().close();
        return e.score();
    }

    /**
     * log p(x) (B, 1) and ∇log p(x) (B, d) of a batch {@code x} (B, d) in one pass.
     *
     * <p>Intermediates live in a sub-manager that is closed before returning, and no operation starts
     * from {@code x} (an op's result joins the manager of its first operand), so nothing accumulates
     * in a long-lived manager that owns x.
     */
    public Evaluation evaluate(NDArray x, boolean withScore) {
        Shape shape = x.getShape();
        if (shape.dimension() != 2 || shape.get(1) != d) {
            throw new IllegalArgumentException("x must have shape (B, " + d + "), got " + shape);
        }
        DataType type = x.getDataType();
        NDManager parent = x.getManager();
        try (NDManager scratch = parent.newSubManager()) {
            NDArray mu = HostArrays.toNDArray(scratch, flatMeans(), new Shape(k, 1, d), type);
            NDArray diff = mu.sub(x); // (K, B, d): μ_k − x, starting from a scratch array
            NDArray z;
            NDArray precDiff = null;
            if (isotropicStd != null) {
                double[] inv = new double[k];
                double[] inv2 = new double[k];
                for (int i = 0; i < k; i++) {
                    inv[i] = 1 / isotropicStd[i];
                    inv2[i] = inv[i] * inv[i];
                }
                z = diff.mul(HostArrays.toNDArray(scratch, inv, new Shape(k, 1, 1), type));
                if (withScore) {
                    precDiff = diff.mul(HostArrays.toNDArray(scratch, inv2, new Shape(k, 1, 1), type));
                }
            } else {
                NDArray a = HostArrays.toNDArray(scratch, flatCholeskyInverse(false), new Shape(k, d, d), type);
                NDArray aT = HostArrays.toNDArray(scratch, flatCholeskyInverse(true), new Shape(k, d, d), type);
                z = diff.matMul(aT); // row-wise z_k = A_k (μ_k − x)
                if (withScore) {
                    precDiff = z.matMul(a); // row-wise A_kᵀ z_k = C_k⁻¹(μ_k − x)
                }
            }
            NDArray c = HostArrays.toNDArray(scratch, logNormalisers, new Shape(k, 1), type);
            NDArray logits = c.sub(times(z.square().sum(new int[] {2}), 0.5)); // (K, B)
            NDArray max = logits.max(new int[] {0}, true); // (1, B)
            NDArray shifted = logits.sub(max);
            NDArray lse = shifted.exp().sum(new int[] {0}, true).log().add(max); // (1, B)
            NDArray logDensity = lse.transpose(); // (B, 1)
            NDArray score = null;
            if (withScore) {
                NDArray r = logits.sub(lse).exp().expandDims(2); // (K, B, 1) responsibilities
                score = precDiff.mul(r).sum(new int[] {0}); // (B, d)
                score.attach(parent);
            }
            logDensity.attach(parent);
            return new Evaluation(logDensity, score);
        }
    }

    /**
     * a·c with c held in libtorch-owned memory, bit-identical to {@code a.mul(c)}. DJL's
     * {@code mul(Number)} wraps the number around a Java direct buffer and closes it after the op;
     * autograd keeps it for the backward pass, and the GC may free it first. This is control's
     * {@code Scalars.mul}, which the data module cannot see (control is only its test dependency).
     */
    private static NDArray times(NDArray a, double c) {
        try (NDArray blob = a.getManager().create(c);
                NDArray scalar = a.getDataType() == DataType.FLOAT32 ? blob.toType(DataType.FLOAT32, false) : blob.duplicate()) {
            return a.mul(scalar);
        }
    }

    private double[] flatMeans() {
        double[] out = new double[k * d];
        for (int i = 0; i < k; i++) {
            System.arraycopy(means[i], 0, out, i * d, d);
        }
        return out;
    }

    private double[] flatCholeskyInverse(boolean transposed) {
        double[] out = new double[k * d * d];
        for (int i = 0; i < k; i++) {
            for (int r = 0; r < d; r++) {
                for (int s = 0; s < d; s++) {
                    out[(i * d + r) * d + s] = transposed ? choleskyInverse[i][s][r] : choleskyInverse[i][r][s];
                }
            }
        }
        return out;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    @Override
    public String toString() {
        return "GaussianMixture(K=" + k + ", d=" + d + ")";
    }
}
