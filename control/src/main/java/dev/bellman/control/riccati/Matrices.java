package dev.bellman.control.riccati;

import dev.bellman.control.BadInputException;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionNonSymmetric;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Small double-precision matrix helpers shared by the Riccati solvers and the reference records:
 * copies, shape and symmetry checks that fail with {@link BadInputException}, norms, spectra.
 */
public final class Matrices {
    private Matrices() {}

    /** A deep copy; null stays null. */
    public static double[][] copy(double[][] m) {
        if (m == null) {
            return null;
        }
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    public static RealMatrix matrix(double[][] m) {
        return new Array2DRowRealMatrix(m, true);
    }

    public static double[][] array(RealMatrix m) {
        return m.getData();
    }

    public static RealMatrix identity(int n) {
        return MatrixUtils.createRealIdentityMatrix(n);
    }

    /**
     * Checks that {@code m} is a finite rows × cols matrix (cols &lt; 0: any column count ≥ 1, the
     * same in every row) and returns its column count.
     */
    /**
     * Checks the matrices of an LQR problem: A (n, n), B (n, m), Q (n, n) symmetric positive
     * semi-definite, R (m, m) symmetric positive definite, D (n, k); returns {n, m}.
     */
    public static int[] requireLqr(double[][] a, double[][] b, double[][] q, double[][] r, double[][] d) {
        int n = requireShape("A", a, -1, a == null || a.length == 0 ? -1 : a.length);
        int m = requireShape("B", b, n, -1);
        requireShape("Q", q, n, n);
        requireShape("R", r, m, m);
        requireShape("D", d, n, -1);
        requireSymmetric("Q", q);
        requireSymmetric("R", r);
        requireDefinite("Q", q, false);
        requireDefinite("R", r, true);
        return new int[] {n, m};
    }

    public static int requireShape(String name, double[][] m, int rows, int cols) {
        if (m == null) {
            throw new BadInputException("matrix " + name + " is missing");
        }
        if (m.length == 0 || (rows >= 0 && m.length != rows)) {
            throw new BadInputException("matrix " + name + " must have " + (rows >= 0 ? rows : "at least 1")
                    + " rows, got " + m.length);
        }
        int c = cols >= 0 ? cols : (m[0] == null ? 0 : m[0].length);
        if (c == 0) {
            throw new BadInputException("matrix " + name + " has no columns");
        }
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != c) {
                throw new BadInputException("matrix " + name + " row " + i + " must have " + c + " entries, got "
                        + (m[i] == null ? 0 : m[i].length));
            }
            for (int j = 0; j < c; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new BadInputException("matrix " + name + " entry (" + i + "," + j + ") is not finite: " + m[i][j]);
                }
            }
        }
        return c;
    }

    /** Refuses a matrix that is not symmetric to a relative 1e-10 (user input is typed by hand). */
    public static void requireSymmetric(String name, double[][] m) {
        double scale = Math.max(1e-300, maxAbs(m));
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(m[i][j] - m[j][i]) > 1e-10 * scale) {
                    throw new BadInputException("matrix " + name + " must be symmetric: entries (" + i + "," + j
                            + ") = " + m[i][j] + " and (" + j + "," + i + ") = " + m[j][i] + " differ");
                }
            }
        }
    }

    /** Smallest eigenvalue of the symmetric part of {@code m}. */
    public static double minSymmetricEigenvalue(double[][] m) {
        double[] ev = new EigenDecompositionSymmetric(matrix(symmetrise(m))).getEigenvalues();
        double min = Double.POSITIVE_INFINITY;
        for (double v : ev) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** Refuses a symmetric matrix with an eigenvalue below −1e-12·‖m‖ (PSD) or ≤ 1e-14·‖m‖ (PD). */
    public static void requireDefinite(String name, double[][] m, boolean strictly) {
        double scale = Math.max(1e-300, maxAbs(m));
        double min = minSymmetricEigenvalue(m);
        if (strictly ? min <= 1e-14 * scale : min < -1e-12 * scale) {
            throw new BadInputException("matrix " + name + " must be symmetric positive " + (strictly ? "definite" : "semidefinite")
                    + ", its smallest eigenvalue is " + min);
        }
    }

    public static double[][] symmetrise(double[][] m) {
        int n = m.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (m[i][j] + m[j][i]);
            }
        }
        return s;
    }

    public static RealMatrix symmetrise(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }

    public static double maxAbs(double[][] m) {
        double a = 0;
        for (double[] row : m) {
            for (double v : row) {
                a = Math.max(a, Math.abs(v));
            }
        }
        return a;
    }

    public static double frobenius(double[][] m) {
        return matrix(m).getFrobeniusNorm();
    }

    /** Tr(M N) without forming the product. */
    public static double traceOfProduct(RealMatrix m, RealMatrix n) {
        double t = 0;
        for (int i = 0; i < m.getRowDimension(); i++) {
            for (int k = 0; k < m.getColumnDimension(); k++) {
                t += m.getEntry(i, k) * n.getEntry(k, i);
            }
        }
        return t;
    }

    /** The eigenvalues of a general real square matrix (Hipparchus' Schur-based decomposition). */
    public static Complex[] eigenvalues(RealMatrix m) {
        return new EigenDecompositionNonSymmetric(m).getEigenvalues();
    }

    /** The spectral abscissa max Re λ(M): M is Hurwitz iff it is negative. */
    public static double maxRealEigenvalue(RealMatrix m) {
        double max = Double.NEGATIVE_INFINITY;
        for (Complex c : eigenvalues(m)) {
            max = Math.max(max, c.getReal());
        }
        return max;
    }

    /** The inverse by LU, refusing a (numerically) singular matrix with a message naming it. */
    public static RealMatrix inverse(String name, RealMatrix m) {
        LUDecomposition lu = new LUDecomposition(m, 1e-300);
        if (!lu.getSolver().isNonSingular()) {
            throw new BadInputException("matrix " + name + " is singular");
        }
        return lu.getSolver().getInverse();
    }

    /** A − s·I. */
    public static RealMatrix shift(RealMatrix a, double s) {
        RealMatrix r = a.copy();
        for (int i = 0; i < r.getRowDimension(); i++) {
            r.addToEntry(i, i, -s);
        }
        return r;
    }

    /** The n × n matrix diag(values). */
    public static double[][] diagonal(int n, double value) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = value;
        }
        return m;
    }
}
