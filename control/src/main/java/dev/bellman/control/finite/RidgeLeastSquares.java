package dev.bellman.control.finite;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;

/**
 * Weighted linear least squares with a tiny ridge on equilibrated columns,
 * min Σᵢ wᵢ(Φᵢθ − yᵢ)² + μ Σⱼ ‖Φ_{·j}‖²_w θⱼ², by Householder QR of the augmented system (Tikhonov 1963;
 * Golub &amp; Van Loan, Matrix Computations, §6.1): the radial space-time bases are sampled on the band of
 * (t, ‖x‖²) a diffusion visits, so some coefficient combinations are nearly invisible there and the plain
 * system is numerically rank deficient; the ridge fixes those combinations at ≈ 0 while leaving the fit on
 * the sampled band unchanged to O(μ). Columns are scaled to unit weighted norm first so that μ is relative.
 */
final class RidgeLeastSquares {
    private RidgeLeastSquares() {}

    /** θ (p) for Φ (B, p), y (B), w (B) ≥ 0 and relative ridge μ ≥ 0. */
    static double[] solve(double[][] phi, double[] y, double[] w, double ridge) {
        int b = phi.length;
        int p = phi[0].length;
        double[] norm = new double[p];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < p; j++) {
                norm[j] += w[i] * phi[i][j] * phi[i][j];
            }
        }
        for (int j = 0; j < p; j++) {
            norm[j] = norm[j] > 0 ? Math.sqrt(norm[j]) : 1;
        }
        double[][] a = new double[b + p][p];
        double[] rhs = new double[b + p];
        for (int i = 0; i < b; i++) {
            double s = Math.sqrt(w[i]);
            for (int j = 0; j < p; j++) {
                a[i][j] = s * phi[i][j] / norm[j];
            }
            rhs[i] = s * y[i];
        }
        double root = Math.sqrt(ridge);
        for (int j = 0; j < p; j++) {
            a[b + j][j] = root;
        }
        var solver = new QRDecomposition(new Array2DRowRealMatrix(a, false), 0).getSolver();
        double[] z = solver.solve(new ArrayRealVector(rhs, false)).toArray();
        for (int j = 0; j < p; j++) {
            z[j] /= norm[j];
        }
        return z;
    }
}
