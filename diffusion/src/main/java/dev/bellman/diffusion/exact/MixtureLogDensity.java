package dev.bellman.diffusion.exact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.Jet;
import dev.bellman.control.field.ScalarField;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.diffusion.sde.ForwardSde;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * φ(t_f, x) = log p_{t_f}(x), the exact marginal log-density of a linear forward SDE started from a
 * Gaussian mixture (DESIGN.md §1.4): p_t = Σ_k w_k N(m(t) μ_k, S_k(t)), S_k = m² C_k + s² I
 * ({@link GaussianMixture#pushForward}), with exact score, batched Hessian and ∂_t log p_t.
 *
 * <p>Time is the FORWARD diffusion time t_f, per row: every row may have its own t_f, at no extra
 * cost. Each data covariance is diagonalised once on the host, C_k = Q_k diag(λ_k) Q_kᵀ, so that
 * S_k(t) = Q_k diag(m²λ_k + s²) Q_kᵀ for all t at once; in the rotated coordinates
 * y_k = Q_kᵀ(x − m μ_k) every component is a product of one-dimensional Gaussians with variances
 * v_k = m²λ_k + s² (K, B, d). Mixture sums use log-sum-exp over components, so points far from
 * every component give finite values.
 *
 * <p>Formulas, with responsibilities r_k(x), component scores g_k = −S_k⁻¹(x − mμ_k) and the
 * score s = Σ_k r_k g_k:
 * <ul>
 *   <li>∇²log p = Σ_k r_k ((g_k − s)(g_k − s)ᵀ − S_k⁻¹) (the centred form of
 *       Σ r_k(g_k g_kᵀ − S_k⁻¹) − s sᵀ, free of cancellation);</li>
 *   <li>Δ log p = Σ_k r_k (‖g_k‖² − Tr S_k⁻¹) − ‖s‖²;</li>
 *   <li>∂_t log p = Σ_k r_k ∂_t log N_k with, from ṁ = a m and Ṡ_k = 2a S_k + g² I (because
 *       (s²)' = 2a s² + g²): ∂_t log N_k = −aD − a x·g_k + ½g²(‖g_k‖² − Tr S_k⁻¹), hence
 *       ∂_t log p = −aD − a x·s + ½g² Σ_k r_k(‖g_k‖² − Tr S_k⁻¹). The Fokker–Planck form
 *       −aD − a x·∇log p + ½g²(Δ log p + ‖∇log p‖²) is the same quantity computed another way; the
 *       tests check one against the other and against finite differences in t.</li>
 * </ul>
 *
 * <p>Shapes: t (B, 1) forward time, x (B, d); value (B, 1), gradient (B, d), Hessian (B, d, d).
 * Results are in x's data type and registered with the caller's scope; intermediates are scoped.
 * Immutable and thread-safe (host parameters only).
 */
public final class MixtureLogDensity implements ScalarField {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final GaussianMixture data;
    private final ForwardSde sde;
    private final int d;
    private final int k;
    /** log w_k (K). */
    private final double[] logWeights;
    /** μ_k row-major (K·d). */
    private final double[] means;
    /** λ_k row-major (K·d), the eigenvalues of C_k. */
    private final double[] eigenvalues;
    /** Q_k row-major (K·d·d), columns the eigenvectors of C_k. */
    private final double[] eigenvectors;

    /**
     * @param data the data law p_0 = p_data
     * @param sde the linear forward SDE whose marginals p_t are evaluated
     */
    public MixtureLogDensity(GaussianMixture data, ForwardSde sde) {
        if (data == null || sde == null) {
            throw new IllegalArgumentException("a mixture log-density needs the data mixture and the forward SDE");
        }
        this.data = data;
        this.sde = sde;
        this.d = data.dimension();
        this.k = data.components();
        double[] w = data.weights();
        logWeights = new double[k];
        means = new double[k * d];
        eigenvalues = new double[k * d];
        eigenvectors = new double[k * d * d];
        for (int c = 0; c < k; c++) {
            logWeights[c] = Math.log(w[c]);
            System.arraycopy(data.mean(c), 0, means, c * d, d);
            EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(data.covariance(c)));
            double[] lambda = eig.getEigenvalues();
            for (int j = 0; j < d; j++) {
                eigenvalues[c * d + j] = lambda[j];
                double[] v = eig.getEigenvector(j).toArray();
                for (int i = 0; i < d; i++) {
                    eigenvectors[(c * d + i) * d + j] = v[i];
                }
            }
        }
    }

    /** log w_k (K), not copied ({@link HostExactControl} reads these host parameters). */
    double[] logWeightsView() {
        return logWeights;
    }

    /** μ_k row-major (K·d), not copied. */
    double[] meansView() {
        return means;
    }

    /** λ_k row-major (K·d), not copied. */
    double[] eigenvaluesView() {
        return eigenvalues;
    }

    /** Q_k row-major (K·d·d), columns the eigenvectors, not copied. */
    double[] eigenvectorsView() {
        return eigenvectors;
    }

    /** K, the number of components. */
    int components() {
        return k;
    }

    /** The data mixture p_0. */
    public GaussianMixture data() {
        return data;
    }

    /** The forward SDE. */
    public ForwardSde sde() {
        return sde;
    }

    /** The exact marginal p_{t_f} as a mixture (means m μ_k, covariances m²C_k + s²I). */
    public GaussianMixture marginal(double tf) {
        return data.pushForward(sde.meanScale(tf), sde.variance(tf));
    }

    @Override
    public int dim() {
        return d;
    }

    @Override
    public NDArray value(NDArray t, NDArray x) {
        return evaluate(t, x, false, false, false, false).logDensity();
    }

    @Override
    public NDArray gradient(NDArray t, NDArray x) {
        return evaluate(t, x, true, false, false, false).score();
    }

    @Override
    public NDArray hessian(NDArray t, NDArray x) {
        return evaluate(t, x, true, true, false, false).hessian();
    }

    @Override
    public NDArray timeDerivative(NDArray t, NDArray x) {
        return evaluate(t, x, true, false, false, true).timeDerivative();
    }

    /** Δ log p_{t_f}(x) = Tr ∇²log p (B, 1), without forming the Hessian. */
    public NDArray laplacian(NDArray t, NDArray x) {
        return evaluate(t, x, true, false, true, false).laplacian();
    }

    @Override
    public Jet jet(NDArray t, NDArray x, Derivatives request) {
        boolean hess = request.needsSecondOrder();
        MixtureJet e = evaluate(t, x, request.gradient() || hess || request.time(), hess, false, request.time());
        NDArray directional = request.directions() == null ? null
                : Jet.directionalFromHessian(e.hessian(), request.directions().toType(x.getDataType(), false));
        return new Jet(e.logDensity(), request.gradient() ? e.score() : null, request.hessian() ? e.hessian() : null,
                directional, e.timeDerivative());
    }

    /**
     * Everything in one pass; entries not requested are null.
     *
     * @param t forward times (B, 1) (any floating type; converted to x's)
     * @param x states (B, d)
     */
    public MixtureJet evaluate(NDArray t, NDArray x, boolean withScore, boolean withHessian, boolean withLaplacian,
            boolean withTime) {
        Shape shape = x.getShape();
        if (shape.dimension() != 2 || shape.get(1) != d) {
            throw new IllegalArgumentException("x must have shape (B, " + d + "), got " + shape);
        }
        long b = shape.get(0);
        if (t.getShape().size() != b) {
            throw new IllegalArgumentException("t must have shape (B, 1) with B = " + b + ", got " + t.getShape());
        }
        DataType type = x.getDataType();
        try (Scope scope = Scope.open()) {
            NDManager mgr = x.getManager();
            SdeCoefficients coefficients = SdeCoefficients.of(sde, t, mgr, type);
            NDArray m = coefficients.meanScale().reshape(1, b, 1);
            NDArray s = coefficients.std().reshape(1, b, 1);
            NDArray lambda = host(mgr, eigenvalues, new Shape(k, 1, d), type);
            NDArray q = host(mgr, eigenvectors, new Shape(k, d, d), type);
            NDArray mu = host(mgr, means, new Shape(k, 1, d), type);
            NDArray logW = host(mgr, logWeights, new Shape(k, 1), type);
            NDArray v = lambda.mul(m.square()).add(s.square()); // (K, B, d) variances in rotated coordinates
            NDArray delta = mu.mul(m).neg().add(x.expandDims(0)); // (K, B, d): x − m μ_k
            NDArray y = delta.matMul(q); // rows y_k = Q_kᵀ(x − m μ_k)
            NDArray logDet = v.log().sum(new int[] {2}); // (K, B)
            NDArray quad = y.square().div(v).sum(new int[] {2});
            NDArray logits = logW.sub(Scalars.mul(logDet.add(quad).add(d * LOG_2PI), 0.5)); // (K, B)
            NDArray max = logits.max(new int[] {0}, true);
            NDArray lse = logits.sub(max).exp().sum(new int[] {0}, true).log().add(max); // (1, B)
            NDArray logDensity = scope.keep(lse.transpose()); // (B, 1)
            NDArray score = null;
            NDArray hessian = null;
            NDArray laplacian = null;
            NDArray time = null;
            if (withScore || withHessian || withLaplacian || withTime) {
                NDArray r = logits.sub(lse).exp().expandDims(2); // (K, B, 1) responsibilities
                NDArray gHat = y.div(v).neg(); // component scores in rotated coordinates
                NDArray g = gHat.matMul(q.transpose(0, 2, 1)); // (K, B, d): g_k = −S_k⁻¹(x − m μ_k)
                NDArray sc = g.mul(r).sum(new int[] {0}); // (B, d)
                if (withScore) {
                    score = scope.keep(sc);
                }
                if (withLaplacian || withTime) {
                    // Σ_k r_k(‖g_k‖² − Tr S_k⁻¹) = Δp/p (the rotation keeps norms and traces)
                    NDArray curvature = gHat.square().sub(Scalars.pow(v, -1)).sum(new int[] {2}, true).mul(r).sum(new int[] {0});
                    if (withLaplacian) {
                        laplacian = scope.keep(curvature.sub(sc.square().sum(new int[] {1}, true)));
                    }
                    if (withTime) {
                        NDArray a = coefficients.driftRate();
                        NDArray g2 = coefficients.diffusion().square();
                        NDArray xs = x.mul(sc).sum(new int[] {1}, true);
                        time = scope.keep(Scalars.mul(a, -d).sub(a.mul(xs)).add(Scalars.mul(g2.mul(curvature), 0.5)));
                    }
                }
                if (withHessian) {
                    NDArray centred = g.sub(sc.expandDims(0)); // (K, B, d)
                    NDArray outer = centred.expandDims(3).mul(centred.expandDims(2)); // (K, B, d, d)
                    // S_k⁻¹ = Q_k diag(1/v) Q_kᵀ per (k, row): (K, 1, d, d) · (K, B, 1, d) then · Q_kᵀ
                    NDArray q4 = q.expandDims(1);
                    NDArray precision = q4.mul(Scalars.pow(v, -1).expandDims(2)).matMul(q4.transpose(0, 1, 3, 2));
                    hessian = scope.keep(outer.sub(precision).mul(r.expandDims(3)).sum(new int[] {0}));
                }
            }
            return new MixtureJet(logDensity, score, hessian, laplacian, time);
        }
    }

    private static NDArray host(NDManager mgr, double[] values, Shape shape, DataType type) {
        return mgr.create(values, shape).toType(type, false);
    }

    /**
     * One evaluation of log p_{t_f}; entries not requested are null.
     *
     * @param logDensity log p (B, 1)
     * @param score ∇log p (B, d)
     * @param hessian ∇²log p (B, d, d)
     * @param laplacian Δ log p (B, 1)
     * @param timeDerivative ∂_{t_f} log p (B, 1), forward time
     */
    public record MixtureJet(NDArray logDensity, NDArray score, NDArray hessian, NDArray laplacian,
            NDArray timeDerivative) {}
}
