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
        NDArray f = phi.toType(DataType.FLOAT64, false);
        NDArray fn = phiNext.toType(DataType.FLOAT64, false);
        NDArray h = dt.toType(DataType.FLOAT64, false);
        long n = f.getShape().get(0);
        int p = (int) f.getShape().get(1);
        NDArray diff = f.sub(fn.mul(h.mul(-rho).exp())).div(h);
        double[] a = ParameterSnapshot.toDoubles(f.transpose().matMul(diff).div(n));
        double[] b = ParameterSnapshot.toDoubles(f.transpose().matMul(target.toType(DataType.FLOAT64, false)).div(n));
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
            rhs.setEntry(p + i, root * theta0[i]);
        }
        return new QRDecomposition(stacked, 0).getSolver().solve(rhs).toArray();
    }
}
