package dev.bellman.control.reference;

import dev.bellman.control.BadInputException;
import dev.bellman.control.riccati.CareMethod;
import dev.bellman.control.riccati.CareSolution;
import dev.bellman.control.riccati.DiscountedCare;
import dev.bellman.control.riccati.Matrices;

/**
 * The exact solution of the discounted stochastic LQR (DESIGN.md 1.3): V(x) = −½xᵀPx − c,
 * ∇V = −Px, ∇²V = −P, a*(x) = −Kx, K = R⁻¹BᵀP, c = Tr(DDᵀP)/(2ρ), P the accepted stabilising solution
 * of ρP = Q + AᵀP + PA − PBR⁻¹BᵀP ({@link DiscountedCare}).
 *
 * @param problem the parameters (ρ &gt; 0)
 * @param riccati the accepted Riccati solution (P, K, c, residual, closed-loop spectrum)
 */
public record LqrSolution(LqrParameters problem, CareSolution riccati) {
    public LqrSolution {
        if (problem == null || riccati == null) {
            throw new BadInputException("LQR solution needs its problem and Riccati solution");
        }
    }

    /** Solves the problem's discounted Riccati equation (refuses ρ ≤ 0 and ill-posed problems). */
    public static LqrSolution of(LqrParameters problem) {
        return of(problem, CareMethod.AUTO);
    }

    public static LqrSolution of(LqrParameters problem, CareMethod method) {
        if (!(problem.rho() > 0)) {
            throw new BadInputException("the discounted LQR needs rho > 0, got " + problem.rho());
        }
        return new LqrSolution(problem, DiscountedCare.solve(problem.A(), problem.B(), problem.Q(), problem.R(),
                problem.D(), problem.rho(), method));
    }

    public double[][] P() {
        return riccati.P();
    }

    public double[][] K() {
        return riccati.K();
    }

    public double c() {
        return riccati.c();
    }

    /** V(x) = −½xᵀPx − c. */
    public double value(double[] x) {
        return -0.5 * LqrParameters.quadratic(riccati.P(), requireState(x)) - riccati.c();
    }

    /** ∇V(x) = −Px. */
    public double[] gradient(double[] x) {
        double[] g = multiply(riccati.P(), requireState(x));
        for (int i = 0; i < g.length; i++) {
            g[i] = -g[i];
        }
        return g;
    }

    /** ∇²V = −P (constant). */
    public double[][] hessian() {
        double[][] h = riccati.P();
        for (double[] row : h) {
            for (int j = 0; j < row.length; j++) {
                row[j] = -row[j];
            }
        }
        return h;
    }

    /** a*(x) = −Kx. */
    public double[] action(double[] x) {
        double[] a = multiply(riccati.K(), requireState(x));
        for (int i = 0; i < a.length; i++) {
            a[i] = -a[i];
        }
        return a;
    }

    /** V at each row of x (B, d) → (B). */
    public double[] values(double[][] x) {
        double[][] p = riccati.P(); // one copy for the batch
        double c = riccati.c();
        double[] v = new double[x.length];
        for (int b = 0; b < x.length; b++) {
            v[b] = -0.5 * LqrParameters.quadratic(p, requireState(x[b])) - c;
        }
        return v;
    }

    /** ∇V at each row: (B, d) → (B, d). */
    public double[][] gradients(double[][] x) {
        return negatedProducts(riccati.P(), x);
    }

    /** a* at each row: (B, d) → (B, m). */
    public double[][] actions(double[][] x) {
        return negatedProducts(riccati.K(), x);
    }

    private double[][] negatedProducts(double[][] m, double[][] x) {
        double[][] out = new double[x.length][];
        for (int b = 0; b < x.length; b++) {
            out[b] = multiply(m, requireState(x[b]));
            for (int i = 0; i < out[b].length; i++) {
                out[b][i] = -out[b][i];
            }
        }
        return out;
    }

    private double[] requireState(double[] x) {
        if (x == null || x.length != problem.stateDimension()) {
            throw new BadInputException("state must have " + problem.stateDimension() + " entries, got "
                    + (x == null ? 0 : x.length));
        }
        return x;
    }

    static double[] multiply(double[][] m, double[] x) {
        double[] y = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += m[i][j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** Frobenius norm of K, for relative errors. */
    public double gainNorm() {
        return Matrices.frobenius(riccati.K());
    }
}
