package dev.bellman.control.reference;

import dev.bellman.control.BadInputException;
import dev.bellman.control.riccati.Matrices;
import java.util.Arrays;

/**
 * The stochastic LQR of DESIGN.md 1.3 in reward form: dX = (Ax + Ba)dt + D dW,
 * r(x, a) = −½(xᵀQx + aᵀRa), discount ρ. Validated on construction: A d × d, B d × m, Q d × d symmetric
 * PSD, R m × m symmetric PD, D d × n, ρ ≥ 0 finite (the discounted problem, {@link LqrSolution}, further
 * needs ρ &gt; 0; a finite horizon allows ρ = 0). Arrays are copied in and out.
 */
public record LqrParameters(double[][] A, double[][] B, double[][] Q, double[][] R, double[][] D, double rho) {
    /** Reference scalar defaults (DESIGN.md 1.3). */
    public static final double ALPHA = -0.5;
    public static final double BETA = 1.0;
    public static final double Q_WEIGHT = 1.0;
    public static final double R_A = 0.1;
    public static final double SIGMA = 0.3;
    public static final double RHO = 0.1;

    public LqrParameters {
        int[] dims = Matrices.requireLqr(A, B, Q, R, D);
        int d = dims[0];
        int m = dims[1];
        if (!(rho >= 0) || !Double.isFinite(rho)) {
            throw new BadInputException("rho must be a finite number ≥ 0, got " + rho);
        }
        A = Matrices.copy(A);
        B = Matrices.copy(B);
        Q = Matrices.copy(Q);
        R = Matrices.copy(R);
        D = Matrices.copy(D);
    }

    /** The scalar problem dX = (αx + βa)dt + σdW, r = −½(qx² + r_a a²). */
    public static LqrParameters scalar(double alpha, double beta, double q, double rA, double sigma, double rho) {
        return decoupled(1, alpha, beta, q, rA, sigma, rho);
    }

    /** The reference scalar problem α = −0.5, β = 1, q = 1, r_a = 0.1, σ = 0.3, ρ = 0.1. */
    public static LqrParameters reference() {
        return scalar(ALPHA, BETA, Q_WEIGHT, R_A, SIGMA, RHO);
    }

    /** d independent copies of the scalar problem ({@code --dim d}): A = αI, B = βI, Q = qI, R = r_aI, D = σI. */
    public static LqrParameters decoupled(int d, double alpha, double beta, double q, double rA, double sigma, double rho) {
        if (d < 1) {
            throw new BadInputException("--dim must be at least 1, got " + d);
        }
        for (double[] nv : new double[][] {{alpha, beta, q, rA, sigma}}) {
            for (double v : nv) {
                if (!Double.isFinite(v)) {
                    throw new BadInputException("LQR parameters must be finite numbers");
                }
            }
        }
        if (q < 0) {
            throw new BadInputException("q must be ≥ 0, got " + q);
        }
        if (!(rA > 0)) {
            throw new BadInputException("r_a must be > 0, got " + rA);
        }
        return new LqrParameters(Matrices.diagonal(d, alpha), Matrices.diagonal(d, beta), Matrices.diagonal(d, q),
                Matrices.diagonal(d, rA), Matrices.diagonal(d, sigma), rho);
    }

    /** d copies of the reference scalar problem. */
    public static LqrParameters decoupled(int d) {
        return decoupled(d, ALPHA, BETA, Q_WEIGHT, R_A, SIGMA, RHO);
    }

    /** The same problem with another discount rate. */
    public LqrParameters withRho(double newRho) {
        return new LqrParameters(A, B, Q, R, D, newRho);
    }

    /** State dimension d. */
    public int stateDimension() {
        return A.length;
    }

    /** Action dimension m. */
    public int actionDimension() {
        return B[0].length;
    }

    /** Noise dimension n (columns of D). */
    public int noiseDimension() {
        return D[0].length;
    }

    /** r(x, a) = −½(xᵀQx + aᵀRa). */
    public double reward(double[] x, double[] a) {
        return -0.5 * (quadratic(Q, x) + quadratic(R, a));
    }

    static double quadratic(double[][] m, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                s += x[i] * m[i][j] * x[j];
            }
        }
        return s;
    }

    @Override public double[][] A() { return Matrices.copy(A); }
    @Override public double[][] B() { return Matrices.copy(B); }
    @Override public double[][] Q() { return Matrices.copy(Q); }
    @Override public double[][] R() { return Matrices.copy(R); }
    @Override public double[][] D() { return Matrices.copy(D); }

    @Override
    public boolean equals(Object o) {
        return o instanceof LqrParameters p && Arrays.deepEquals(A, p.A) && Arrays.deepEquals(B, p.B)
                && Arrays.deepEquals(Q, p.Q) && Arrays.deepEquals(R, p.R) && Arrays.deepEquals(D, p.D)
                && Double.compare(rho, p.rho) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {A, B, Q, R, D, rho});
    }

    @Override
    public String toString() {
        return "LqrParameters[d=" + A.length + ", m=" + B[0].length + ", A=" + Arrays.deepToString(A) + ", B="
                + Arrays.deepToString(B) + ", Q=" + Arrays.deepToString(Q) + ", R=" + Arrays.deepToString(R) + ", D="
                + Arrays.deepToString(D) + ", rho=" + rho + "]";
    }
}
