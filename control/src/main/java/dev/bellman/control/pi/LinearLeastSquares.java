package dev.bellman.control.pi;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/** Weighted linear least squares min Σᵢ wᵢ(Φᵢθ − yᵢ)² by Householder QR, in double precision. */
final class LinearLeastSquares {
    private LinearLeastSquares() {}

    /** θ (p) for Φ (B, p), y (B), w (B) ≥ 0; null when Φ is rank deficient. */
    static double[] solve(double[][] phi, double[] y, double[] w) {
        int b = phi.length;
        int p = phi[0].length;
        double[][] a = new double[b][p];
        double[] rhs = new double[b];
        for (int i = 0; i < b; i++) {
            double s = Math.sqrt(w[i]);
            for (int j = 0; j < p; j++) {
                a[i][j] = s * phi[i][j];
            }
            rhs[i] = s * y[i];
        }
        RealMatrix m = new Array2DRowRealMatrix(a, false);
        var solver = new QRDecomposition(m, 1e-12).getSolver();
        if (!solver.isNonSingular()) {
            return null;
        }
        return solver.solve(new ArrayRealVector(rhs, false)).toArray();
    }
}
