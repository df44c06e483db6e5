package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.bellman.control.nn.ParameterSnapshot;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The value head by least-squares temporal differences (LSTD: Bradtke &amp; Barto, Machine Learning 22, 1996;
 * Boyan 2002) on the TD error of {@link TemporalDifference}: with V = φθ and the advantage rate q held fixed,
 * the TD fixed point (where the semi-gradient of E[(δ/Δt)²] in θ vanishes) solves
 *
 * <pre>  E[φ(x)(φ(x) − e^{−ρΔt}φ(x'))ᵀ/Δt] θ = E[φ(x)(r̄ − q(x, a))]</pre>
 *
 * Why: marching θ there by TD steps moves V's horizon forward by about Δt per target update, so a value with a
 * long horizon (Merton's 1/(ρ − (1−γ)M) ≈ 10 time units; the constant of LQR's V, 1/ρ = 10) needs ~10/Δt
 * updates and collapses as Δt → 0; the linear solve is the fixed point at once, at every Δt. The noisy φ(x')
 * appears only against the instrument φ(x), so the solution is consistent (no double-sampling bias). Solved as
 * the ridge-regularised least-squares problem min ‖Aθ − b‖² + λ‖θ − θ₀‖² by QR (λ relative to ‖A‖², tiny: it
 * only guards collinear features). Sums in float64 whatever the networks' precision.
 */
final class LeastSquaresTd {
    private static final double RIDGE = 1e-10;

    private LeastSquaresTd() {}

    /**
     * θ (p).
     *
     * @param phi φ(x) (B, p)
     * @param phiNext φ(x') (B, p)
     * @param target r̄ − q(x, a) (B, 1)
     * @param dt Δt (B, 1)
     * @param rho ρ
     * @param theta0 the current head (the ridge's centre)
     */
    static double[] solve(NDArray phi, NDArray phiNext, NDArray target, NDArray dt, double rho, double[] theta0) {
        return solve(phi, phiNext, null, target, dt, rho, theta0);
    }

    /**
     * (θ, η) (p + e): the head together with coefficients η of extra regressors that are functions of (x, a) (their
     * own instruments), solving E[z(r̄ − ((φ − e^{−ρΔt}φ')/Δt)θ − ψη)] = 0 with z = (φ(x), ψ(x, a)). With ψ = q(x, a) this
     * calibrates the advantage's scale in the same solve: the value of exploring actions is corrected by ηq, and an
     * advantage whose curvature is still off by a factor does not bias V by that factor.
     *
     * @param extra ψ (B, e), or null (then e = 0)
     * @param reward the regressand (B, 1): r̄, or r̄ − q when q is not estimated
     * @param start (θ₀, η₀) the ridge's centre (p + e)
     */
    static double[] solve(NDArray phi, NDArray phiNext, NDArray extra, NDArray reward, NDArray dt, double rho, double[] start) {
        NDArray f = phi.toType(DataType.FLOAT64, false);
        NDArray fn = phiNext.toType(DataType.FLOAT64, false);
        NDArray h = dt.toType(DataType.FLOAT64, false);
        long n = f.getShape().get(0);
        NDArray x = f.sub(fn.mul(h.mul(-rho).exp())).div(h);
        NDArray z = f;
        if (extra != null) {
            NDArray e = extra.toType(DataType.FLOAT64, false);
            x = x.concat(e, 1);
            z = z.concat(e, 1);
        }
        int p = (int) z.getShape().get(1);
        double[] a = ParameterSnapshot.toDoubles(z.transpose().matMul(x).div(n));
        double[] b = ParameterSnapshot.toDoubles(z.transpose().matMul(reward.toType(DataType.FLOAT64, false)).div(n));
        // [A; √λI]θ = [b; √λθ₀] by QR (no squared condition number)
        double norm2 = 0;
        for (double v : a) {
            norm2 += v * v;
        }
        double root = Math.sqrt(RIDGE * Math.max(norm2 / p, Double.MIN_NORMAL));
        RealMatrix stacked = new Array2DRowRealMatrix(2 * p, p);
        RealVector rhs = new ArrayRealVector(2 * p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                stacked.setEntry(i, j, a[i * p + j]);
            }
            stacked.setEntry(p + i, i, root);
            rhs.setEntry(i, b[i]);
            rhs.setEntry(p + i, root * start[i]);
        }
        return new QRDecomposition(stacked, 0).getSolver().solve(rhs).toArray();
    }
}
