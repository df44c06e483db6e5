package dev.bellman.data.mixture;

/** Cholesky factor C = L Lᵀ of a small symmetric positive definite matrix, and the inverse of L. */
final class Cholesky {
    private Cholesky() {}

    /**
     * The lower-triangular L with C = L Lᵀ, or null if C is not (numerically) positive definite.
     */
    static double[][] lower(double[][] c) {
        int d = c.length;
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            double s = c[j][j];
            for (int k = 0; k < j; k++) {
                s -= l[j][k] * l[j][k];
            }
            // A pivot that is not clearly positive means C is singular or indefinite; a relative test
            // keeps badly scaled but valid covariances.
            if (!(s > 1e-14 * Math.abs(c[j][j])) || !(s > 0)) {
                return null;
            }
            double ljj = Math.sqrt(s);
            l[j][j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = c[i][j];
                for (int k = 0; k < j; k++) {
                    t -= l[i][k] * l[j][k];
                }
                l[i][j] = t / ljj;
            }
        }
        return l;
    }

    /** The inverse of a lower-triangular matrix (itself lower-triangular), by forward substitution. */
    static double[][] invertLower(double[][] l) {
        int d = l.length;
        double[][] inv = new double[d][d];
        for (int col = 0; col < d; col++) {
            for (int i = col; i < d; i++) {
                double s = (i == col) ? 1.0 : 0.0;
                for (int k = col; k < i; k++) {
                    s -= l[i][k] * inv[k][col];
                }
                inv[i][col] = s / l[i][i];
            }
        }
        return inv;
    }
}
