package dev.bellman.control.riccati;

import dev.bellman.control.BadInputException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The continuous Lyapunov equation AᵀX + XA + C = 0 for Hurwitz A (the policy-evaluation step of
 * Newton–Kleinman: X is the value matrix of the linear policy whose closed loop is A).
 *
 * <p>Two solvers: the Kronecker form (I⊗Aᵀ + Aᵀ⊗I) vec X = −vec C by LU for n ≤ {@value #KRONECKER_MAX_N}
 * (n² unknowns), and the matrix sign iteration for larger n (Roberts 1971/1980; Benner &amp; Quintana-Ortí,
 * "Solving stable generalized Lyapunov equations with the matrix sign function", Numer. Algorithms 1999):
 * A₀ = A, C₀ = C, A_{k+1} = (A_k/γ + γA_k⁻¹)/2, C_{k+1} = (C_k/γ + γA_k⁻ᵀC_kA_k⁻¹)/2 with determinant
 * scaling γ; A_k → sign(A) = −I and X = C_∞/2. Each step costs one n × n inverse, so n = 100 takes
 * milliseconds.
 */
public final class Lyapunov {
    /** Largest n solved through the n² × n² Kronecker system. */
    public static final int KRONECKER_MAX_N = 12;

    private Lyapunov() {}

    /** Solves AᵀX + XA + C = 0; A must be Hurwitz, C symmetric. Returns symmetric X. */
    public static RealMatrix solve(RealMatrix a, RealMatrix c) {
        int n = a.getRowDimension();
        RealMatrix x = n <= KRONECKER_MAX_N ? kronecker(a, c) : signIteration(a, c);
        return Matrices.symmetrise(x);
    }

    /** The Kronecker (vectorised) solve, column-major vec: entry (i, j) ↦ j·n + i. */
    static RealMatrix kronecker(RealMatrix a, RealMatrix c) {
        int n = a.getRowDimension();
        int n2 = n * n;
        double[][] l = new double[n2][n2];
        double[] rhs = new double[n2];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int row = j * n + i;
                rhs[row] = -c.getEntry(i, j);
                for (int k = 0; k < n; k++) {
                    l[row][j * n + k] += a.getEntry(k, i); // (AᵀX)_ij = Σ_k A_ki X_kj
                    l[row][k * n + i] += a.getEntry(k, j); // (XA)_ij  = Σ_k X_ik A_kj
                }
            }
        }
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(l, false), 1e-300);
        if (!lu.getSolver().isNonSingular()) {
            throw new BadInputException("Lyapunov equation is singular: A and −A share an eigenvalue");
        }
        RealVector v = lu.getSolver().solve(new ArrayRealVector(rhs, false));
        RealMatrix x = new Array2DRowRealMatrix(n, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                x.setEntry(i, j, v.getEntry(j * n + i));
            }
        }
        return x;
    }

    /** The scaled sign iteration; refuses a non-Hurwitz A (the iterate would not tend to −I). */
    static RealMatrix signIteration(RealMatrix a, RealMatrix c) {
        int n = a.getRowDimension();
        RealMatrix ak = a.copy();
        RealMatrix ck = c.copy();
        boolean scale = true;
        for (int it = 0; it < 100; it++) {
            LUDecomposition lu = new LUDecomposition(ak, 1e-300);
            if (!lu.getSolver().isNonSingular()) {
                throw new BadInputException("Lyapunov sign iteration met a singular matrix: A is not Hurwitz");
            }
            RealMatrix inv = lu.getSolver().getInverse();
            double gamma = 1.0;
            if (scale) {
                gamma = Math.exp(logAbsDet(lu) / n);
            }
            RealMatrix next = ak.scalarMultiply(0.5 / gamma).add(inv.scalarMultiply(0.5 * gamma));
            ck = ck.scalarMultiply(0.5 / gamma).add(inv.transpose().multiply(ck).multiply(inv).scalarMultiply(0.5 * gamma));
            double change = next.subtract(ak).getNorm1() / next.getNorm1();
            ak = next;
            if (change < 1e-2) {
                scale = false; // near convergence, scaling only slows the quadratic phase
            }
            if (change < 1e-14) {
                break;
            }
        }
        RealMatrix plusI = ak.add(Matrices.identity(n));
        if (plusI.getNorm1() > 1e-8 * n) {
            throw new BadInputException("Lyapunov sign iteration did not converge to −I: A is not Hurwitz");
        }
        return ck.scalarMultiply(0.5);
    }

    static double logAbsDet(LUDecomposition lu) {
        RealMatrix u = lu.getU();
        double s = 0;
        for (int i = 0; i < u.getRowDimension(); i++) {
            s += Math.log(Math.abs(u.getEntry(i, i)));
        }
        return s;
    }
}
