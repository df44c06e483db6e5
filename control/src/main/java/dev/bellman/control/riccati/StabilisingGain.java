package dev.bellman.control.riccati;

import dev.bellman.control.BadInputException;
import java.util.Optional;
import org.hipparchus.complex.Complex;
import org.hipparchus.linear.RealMatrix;

/**
 * An admissible starting policy a = −K₀x for policy iteration (DESIGN.md 1.3): one whose closed loop
 * A − BK₀ − (ρ/2)I is Hurwitz, so that the discounted value of the policy is finite.
 *
 * <p>When A − (ρ/2)I is already Hurwitz the zero policy is admissible and K₀ = 0. Otherwise K₀ is the
 * gain of an auxiliary low-state-weight LQR on the same (A − (ρ/2)I, B, R) with Q_aux = εI,
 * ε = {@value #AUXILIARY_STATE_WEIGHT}·‖Ā‖²/‖G‖ (G = BR⁻¹Bᵀ, Frobenius norms): as ε → 0 this is the minimum-energy
 * stabiliser, which reflects the unstable eigenvalues to their mirror images and leaves the stable ones
 * nearly where they are (Zhou, Doyle &amp; Glover, "Robust and Optimal Control", §13.5), so the start is
 * admissible yet far from the optimum the iteration must find. Refused when an unstable mode is out of
 * B's reach (then no admissible policy exists).
 *
 * @param K0 the starting gain (m × d)
 * @param zeroPolicyAdmissible whether the zero policy already was admissible
 * @param closedLoopMaxRealEig max Re λ(A − BK₀ − (ρ/2)I), negative
 */
public record StabilisingGain(double[][] K0, boolean zeroPolicyAdmissible, double closedLoopMaxRealEig) {
    /** The auxiliary problem's relative state weight. */
    public static final double AUXILIARY_STATE_WEIGHT = 1e-2;

    public StabilisingGain {
        K0 = Matrices.copy(K0);
    }

    @Override
    public double[][] K0() {
        return Matrices.copy(K0);
    }

    /** Finds K₀ for the discounted problem (A, B, R, ρ), or refuses when no admissible policy exists. */
    public static StabilisingGain find(double[][] a, double[][] b, double[][] r, double rho) {
        int n = Matrices.requireShape("A", a, -1, a == null || a.length == 0 ? -1 : a.length);
        int m = Matrices.requireShape("B", b, n, -1);
        Matrices.requireShape("R", r, m, m);
        if (!(rho >= 0) || !Double.isFinite(rho)) {
            throw new BadInputException("rho must be a finite number ≥ 0, got " + rho);
        }
        RealMatrix abar = Matrices.shift(Matrices.matrix(a), rho / 2);
        double open = Matrices.maxRealEigenvalue(abar);
        if (open < 0) {
            return new StabilisingGain(new double[m][n], true, open);
        }
        RealMatrix bm = Matrices.matrix(b);
        Optional<Complex> stuck = ModeTests.uncontrollableUnstableMode(abar, bm, 1e-12 * Math.max(1, abar.getFrobeniusNorm()));
        if (stuck.isPresent()) {
            throw new BadInputException("no admissible policy exists: the mode λ = " + DiscountedCare.format(stuck.get())
                    + " of A − (ρ/2)I has Re λ ≥ 0 and B cannot move it");
        }
        RealMatrix rm = Matrices.matrix(r);
        RealMatrix g = bm.multiply(Matrices.inverse("R", rm)).multiply(bm.transpose());
        // ε·‖G‖ has the units of ‖Ā‖², so the auxiliary closed loop moves modes by about √ε·‖Ā‖.
        double scale = Math.max(abar.getFrobeniusNorm(), Math.max(rho, 1e-12));
        double eps = AUXILIARY_STATE_WEIGHT * scale * scale / Math.max(g.getFrobeniusNorm(), 1e-300);
        CareSolution aux = DiscountedCare.solve(a, b, Matrices.diagonal(n, eps), r, new double[n][1],
                Math.max(rho, Double.MIN_NORMAL));
        double[][] k0 = aux.K();
        return check(a, b, k0, rho);
    }

    /** Checks a user-given K₀; refuses it when A − BK₀ − (ρ/2)I is not Hurwitz. */
    public static StabilisingGain check(double[][] a, double[][] b, double[][] k0, double rho) {
        int n = Matrices.requireShape("A", a, -1, a == null || a.length == 0 ? -1 : a.length);
        int m = Matrices.requireShape("B", b, n, -1);
        Matrices.requireShape("K0", k0, m, n);
        RealMatrix closed = Matrices.shift(Matrices.matrix(a).subtract(Matrices.matrix(b).multiply(Matrices.matrix(k0))), rho / 2);
        double abscissa = Matrices.maxRealEigenvalue(closed);
        if (!(abscissa < 0)) {
            throw new BadInputException("the starting policy is not admissible: A − BK₀ − (ρ/2)I has an eigenvalue with"
                    + " real part " + abscissa + " ≥ 0");
        }
        boolean zero = Matrices.maxAbs(k0) == 0;
        return new StabilisingGain(k0, zero, abscissa);
    }
}
