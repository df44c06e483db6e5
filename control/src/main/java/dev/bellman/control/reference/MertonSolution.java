package dev.bellman.control.reference;

import dev.bellman.control.BadInputException;
import dev.bellman.control.riccati.Matrices;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * The exact solution of Merton's infinite-horizon problem (Merton, "Optimum consumption and portfolio
 * rules in a continuous-time model", J. Econ. Theory 3, 1971; DESIGN.md 1.3):
 *
 * <pre>
 *   π* = (1/γ)C⁻¹(μ − r_f1),   M = r_f + (μ − r_f1)ᵀC⁻¹(μ − r_f1)/(2γ),   k* = (ρ − (1 − γ)M)/γ,
 *   γ ≠ 1:  V(x) = A x^{1−γ}/(1−γ),  A = (γ/(ρ − (1 − γ)M))^γ = k*^{−γ}
 *   γ = 1:  V(x) = A ln x + b,  A = 1/ρ,  b = (ln ρ − 1 + M/ρ)/ρ
 * </pre>
 *
 * The log-utility constant is derived by substituting V = A ln x + b into ρV = max_{π,k}{ln(kx) +
 * [r_f + πᵀ(μ − r_f1) − k]xV' + ½πᵀCπ x²V''}: the ln x terms give A = 1/ρ; k* = 1/A = ρ contributes
 * ln ρ − 1, the portfolio term A·M (M at γ = 1), so ρb = ln ρ − 1 + M/ρ. Refused when ρ − (1 − γ)M ≤ 0:
 * the value is infinite (for γ = 1 this is ρ ≤ 0).
 *
 * @param problem the parameters
 * @param pi the optimal risky fractions π*
 * @param k the optimal consumption rate k*
 * @param M the certainty-equivalent growth rate of invested wealth
 * @param A the coefficient of x^{1−γ}/(1−γ) (of ln x when γ = 1)
 * @param b the additive constant (0 unless γ = 1)
 */
public record MertonSolution(MertonParameters problem, double[] pi, double k, double M, double A, double b) {
    public MertonSolution {
        pi = pi.clone();
    }

    public static MertonSolution of(MertonParameters p) {
        if (p == null) {
            throw new BadInputException("Merton solution needs its parameters");
        }
        double[] pi = optimalFractions(p);
        double gamma = p.gamma();
        double m = growthRate(p);
        double denominator = p.rho() - (1 - gamma) * m;
        if (!(denominator > 0)) {
            throw new BadInputException("Merton problem has infinite value: rho − (1 − gamma)·M = " + denominator
                    + " ≤ 0 (M = " + m + "); raise rho or gamma");
        }
        double k = denominator / gamma;
        if (p.logUtility()) {
            double rho = p.rho();
            return new MertonSolution(p, pi, k, m, 1 / rho, (Math.log(rho) - 1 + m / rho) / rho);
        }
        return new MertonSolution(p, pi, k, m, Math.pow(gamma / denominator, gamma), 0.0);
    }

    public static MertonSolution reference() {
        return of(MertonParameters.reference());
    }

    /** π* = (1/γ)C⁻¹(μ − r_f1) (independent of ρ and of the horizon). */
    static double[] optimalFractions(MertonParameters p) {
        double[] excess = excessReturns(p);
        RealVector cInvExcess = new CholeskyDecomposition(Matrices.matrix(p.C())).getSolver()
                .solve(new ArrayRealVector(excess, false));
        return cInvExcess.mapDivide(p.gamma()).toArray();
    }

    /** M = r_f + (μ − r_f1)ᵀC⁻¹(μ − r_f1)/(2γ) = r_f + γ·π*ᵀCπ* / 2. */
    static double growthRate(MertonParameters p) {
        double[] excess = excessReturns(p);
        double[] pi = optimalFractions(p);
        double s = 0;
        for (int i = 0; i < pi.length; i++) {
            s += pi[i] * excess[i]; // π*ᵀ(μ − r_f1) = (μ−r_f1)ᵀC⁻¹(μ−r_f1)/γ
        }
        return p.r_f() + s / 2;
    }

    static double[] excessReturns(MertonParameters p) {
        double[] e = p.mu();
        for (int i = 0; i < e.length; i++) {
            e[i] -= p.r_f();
        }
        return e;
    }

    /** π* of a single-asset problem. */
    public double piScalar() {
        if (pi.length != 1) {
            throw new BadInputException("the problem has " + pi.length + " risky assets, not one");
        }
        return pi[0];
    }

    @Override
    public double[] pi() {
        return pi.clone();
    }

    /** V(x). */
    public double value(double x) {
        requireWealth(x);
        double gamma = problem.gamma();
        return problem.logUtility() ? A * Math.log(x) + b : A * Math.pow(x, 1 - gamma) / (1 - gamma);
    }

    /** V'(x) = A x^{−γ}. */
    public double derivative(double x) {
        requireWealth(x);
        return A * Math.pow(x, -problem.gamma());
    }

    /** V''(x) = −γA x^{−γ−1}. */
    public double secondDerivative(double x) {
        requireWealth(x);
        return -problem.gamma() * A * Math.pow(x, -problem.gamma() - 1);
    }

    /** V at each wealth. */
    public double[] values(double[] x) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = value(x[i]);
        }
        return v;
    }

    static void requireWealth(double x) {
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new BadInputException("wealth must be a finite number > 0, got " + x);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MertonSolution s && problem.equals(s.problem) && java.util.Arrays.equals(pi, s.pi)
                && Double.compare(k, s.k) == 0 && Double.compare(M, s.M) == 0 && Double.compare(A, s.A) == 0
                && Double.compare(b, s.b) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(problem, java.util.Arrays.hashCode(pi), k, M, A, b);
    }

    @Override
    public String toString() {
        return "MertonSolution[pi=" + java.util.Arrays.toString(pi) + ", k=" + k + ", M=" + M + ", A=" + A + ", b=" + b + "]";
    }
}
