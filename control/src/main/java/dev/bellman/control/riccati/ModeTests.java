package dev.bellman.control.riccati;

import java.util.Optional;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Popov–Belevitch–Hautus tests (Hautus 1969; Zhou, Doyle &amp; Glover, "Robust and Optimal Control",
 * Thm 3.3/3.7): (A, B) is stabilisable iff rank [A − λI, B] = n for every eigenvalue λ with Re λ ≥ 0,
 * and (C, A) is detectable iff rank [A − λI; C] = n for those λ. Complex λ are handled by the
 * realification [[Re M, −Im M], [Im M, Re M]], whose singular values are those of M, each twice.
 */
public final class ModeTests {
    /** A mode counts as rank-deficient when σ_min ≤ this × ‖[A, B]‖. */
    static final double RANK_TOLERANCE = 1e-9;

    private ModeTests() {}

    /** The first eigenvalue of A with Re λ ≥ −margin that B cannot reach, if any. */
    public static Optional<Complex> uncontrollableUnstableMode(RealMatrix a, RealMatrix b, double margin) {
        return firstDeficient(a, b, margin, true);
    }

    /** The first eigenvalue of A with Re λ ≥ −margin that C does not see, if any. */
    public static Optional<Complex> unobservableUnstableMode(RealMatrix c, RealMatrix a, double margin) {
        return firstDeficient(a, c, margin, false);
    }

    private static Optional<Complex> firstDeficient(RealMatrix a, RealMatrix other, double margin, boolean columns) {
        int n = a.getRowDimension();
        double scale = Math.max(a.getFrobeniusNorm() + other.getFrobeniusNorm(), 1e-300);
        for (Complex lambda : Matrices.eigenvalues(a)) {
            if (lambda.getReal() < -margin) {
                continue;
            }
            RealMatrix m = realified(a, other, lambda, columns);
            double[] sv = new SingularValueDecomposition(m).getSingularValues();
            double sigmaN = sv.length >= 2 * n ? sv[2 * n - 1] : 0.0;
            if (sigmaN <= RANK_TOLERANCE * scale) {
                return Optional.of(lambda);
            }
        }
        return Optional.empty();
    }

    /** Realification of [A − λI, B] (columns) or [A − λI; C] (rows). */
    private static RealMatrix realified(RealMatrix a, RealMatrix other, Complex lambda, boolean columns) {
        int n = a.getRowDimension();
        int k = columns ? other.getColumnDimension() : other.getRowDimension();
        int rows = columns ? n : n + k;
        int cols = columns ? n + k : n;
        double[][] re = new double[rows][cols];
        double[][] im = new double[rows][cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                re[i][j] = a.getEntry(i, j);
            }
            re[i][i] -= lambda.getReal();
            im[i][i] = -lambda.getImaginary();
        }
        for (int i = 0; i < (columns ? n : k); i++) {
            for (int j = 0; j < (columns ? k : n); j++) {
                if (columns) {
                    re[i][n + j] = other.getEntry(i, j);
                } else {
                    re[n + i][j] = other.getEntry(i, j);
                }
            }
        }
        double[][] r = new double[2 * rows][2 * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                r[i][j] = re[i][j];
                r[i][cols + j] = -im[i][j];
                r[rows + i][j] = im[i][j];
                r[rows + i][cols + j] = re[i][j];
            }
        }
        return new Array2DRowRealMatrix(r, false);
    }
}
