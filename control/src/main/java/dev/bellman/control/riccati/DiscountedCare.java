package dev.bellman.control.riccati;

import dev.bellman.control.BadInputException;
import java.util.Optional;
import org.hipparchus.complex.Complex;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RiccatiEquationSolverImpl;

/**
 * The stabilising solution of the discounted continuous-time algebraic Riccati equation of the
 * stochastic LQR in reward form (DESIGN.md 1.3): dX = (Ax + Ba)dt + D dW, r = −½(xᵀQx + aᵀRa),
 * discount ρ &gt; 0,
 *
 * <pre>  ρP = Q + AᵀP + PA − PGP,  G = BR⁻¹Bᵀ,</pre>
 *
 * which is the standard CARE ĀᵀP + PĀ − PGP + Q = 0 with Ā = A − (ρ/2)I. Then K = R⁻¹BᵀP and
 * c = Tr(DDᵀP)/(2ρ).
 *
 * <p>Acceptance (DESIGN.md 1.3): the relative residual (see {@link #relativeResidual}) is below
 * {@value #ACCEPTED_RESIDUAL} and A − BK − (ρ/2)I is Hurwitz. Refused up front, with the offending
 * mode named: (Ā, B) not stabilisable (an unstable mode B cannot move: every policy's discounted
 * reward is −∞ or the Riccati equation has no stabilising solution), and (Q, Ā) not detectable (an
 * unstable mode Q does not weigh: the stabilising solution then is not the optimum, since leaving that
 * mode alone costs nothing).
 *
 * <p>First iterate: Hipparchus' Hamiltonian-eigenvector solver or the matrix sign function of the
 * Hamiltonian H = [[Ā, −G], [−Q, −Āᵀ]] (Roberts 1971; Byers, "Solving the algebraic Riccati equation
 * with the matrix sign function", Lin. Alg. Appl. 85, 1987), whose stable invariant subspace is
 * span [I; P], so (sign H + I)[I; P] = 0 gives P by least squares. Then Newton–Kleinman steps
 * (Kleinman, IEEE TAC 13, 1968), each a Lyapunov solve {@link Lyapunov}, polish P to machine precision.
 */
public final class DiscountedCare {
    /** The relative residual below which a solution is accepted (DESIGN.md 1.3). */
    public static final double ACCEPTED_RESIDUAL = 1e-10;
    /** AUTO uses Hipparchus' solver up to this n. */
    public static final int HIPPARCHUS_MAX_N = 6;
    private static final int MAX_NEWTON_STEPS = 8;

    private DiscountedCare() {}

    /** Solves with {@link CareMethod#AUTO}. */
    public static CareSolution solve(double[][] a, double[][] b, double[][] q, double[][] r, double[][] d, double rho) {
        return solve(a, b, q, r, d, rho, CareMethod.AUTO);
    }

    /**
     * Solves the discounted CARE; D is d × n (any n ≥ 1). Throws {@link BadInputException} for invalid
     * shapes, Q not PSD, R not PD, ρ ≤ 0, an unstabilisable or undetectable problem, or a solution that
     * fails acceptance.
     */
    public static CareSolution solve(double[][] a, double[][] b, double[][] q, double[][] r, double[][] d, double rho,
            CareMethod method) {
        int[] dims = Matrices.requireLqr(a, b, q, r, d);
        int n = dims[0];
        int m = dims[1];
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new BadInputException("rho must be a finite number > 0 for the discounted problem, got " + rho);
        }
        RealMatrix am = Matrices.matrix(a);
        RealMatrix bm = Matrices.matrix(b);
        RealMatrix qm = Matrices.matrix(Matrices.symmetrise(q));
        RealMatrix rm = Matrices.matrix(Matrices.symmetrise(r));
        RealMatrix abar = Matrices.shift(am, rho / 2);
        RealMatrix rInv = Matrices.inverse("R", rm);
        RealMatrix g = Matrices.symmetrise(bm.multiply(rInv).multiply(bm.transpose()));

        double eigTolerance = 1e-12 * Math.max(1.0, abar.getFrobeniusNorm());
        Optional<Complex> uncontrollable = ModeTests.uncontrollableUnstableMode(abar, bm, eigTolerance);
        if (uncontrollable.isPresent()) {
            throw new BadInputException("LQR problem is not stabilisable: the mode λ = " + format(uncontrollable.get())
                    + " of A − (ρ/2)I has Re λ ≥ 0 and B cannot move it, so no policy has a finite discounted value");
        }
        Optional<Complex> unobservable = ModeTests.unobservableUnstableMode(qm, abar, eigTolerance);
        if (unobservable.isPresent()) {
            throw new BadInputException("LQR problem is not detectable: the mode λ = " + format(unobservable.get())
                    + " of A − (ρ/2)I has Re λ ≥ 0 and Q does not weigh it, so the stabilising Riccati solution"
                    + " is not the optimum");
        }

        CareMethod used = method == CareMethod.AUTO
                ? (n <= HIPPARCHUS_MAX_N ? CareMethod.HIPPARCHUS : CareMethod.MATRIX_SIGN) : method;
        RealMatrix p;
        try {
            p = used == CareMethod.HIPPARCHUS ? hipparchus(abar, bm, qm, rm) : matrixSign(abar, g, qm);
        } catch (MathRuntimeException e) {
            if (method != CareMethod.AUTO || used == CareMethod.MATRIX_SIGN) {
                throw new BadInputException("Riccati solver " + used + " failed: " + e.getMessage(), e);
            }
            used = CareMethod.MATRIX_SIGN;
            p = matrixSign(abar, g, qm);
        }
        p = Matrices.symmetrise(p);

        // Newton–Kleinman polishing: P_{k+1} solves (Ā − GP_k)ᵀX + X(Ā − GP_k) + Q + P_kGP_k = 0.
        double residual = relativeResidual(am, g, qm, rho, p);
        int steps = 0;
        while (steps < MAX_NEWTON_STEPS && residual > 1e-15) {
            RealMatrix next;
            try {
                RealMatrix closed = abar.subtract(g.multiply(p));
                next = Lyapunov.solve(closed, qm.add(p.multiply(g).multiply(p)));
            } catch (BadInputException e) {
                break; // the iterate is not stabilising; acceptance below decides
            }
            double nextResidual = relativeResidual(am, g, qm, rho, next);
            if (!(nextResidual < residual)) {
                break;
            }
            p = next;
            residual = nextResidual;
            steps++;
        }

        RealMatrix k = rInv.multiply(bm.transpose()).multiply(p);
        double closedLoop = Matrices.maxRealEigenvalue(am.subtract(bm.multiply(k)));
        if (!(residual < ACCEPTED_RESIDUAL)) {
            throw new BadInputException("Riccati solution refused: relative residual " + residual + " is not below "
                    + ACCEPTED_RESIDUAL + " (ill-conditioned problem)");
        }
        if (!(closedLoop - rho / 2 < 0)) {
            throw new BadInputException("Riccati solution refused: A − BK − (ρ/2)I is not Hurwitz (max Re λ = "
                    + (closedLoop - rho / 2) + ")");
        }
        RealMatrix dm = Matrices.matrix(d);
        double c = Matrices.traceOfProduct(dm.multiply(dm.transpose()), p) / (2 * rho);
        return new CareSolution(p.getData(), k.getData(), c, residual, closedLoop, used, steps);
    }

    /**
     * The relative residual of a candidate P:
     * ‖ρP − (Q + AᵀP + PA − PGP)‖_F / (‖Q‖_F + ρ‖P‖_F + 2‖AᵀP‖_F + ‖PGP‖_F), G = BR⁻¹Bᵀ: the residual
     * measured against the size of the terms that cancel in it, so it is scale-free and defined for Q = 0
     * (0/0 := 0).
     */
    public static double relativeResidual(double[][] a, double[][] b, double[][] q, double[][] r, double rho, double[][] p) {
        RealMatrix bm = Matrices.matrix(b);
        RealMatrix g = bm.multiply(Matrices.inverse("R", Matrices.matrix(r))).multiply(bm.transpose());
        return relativeResidual(Matrices.matrix(a), g, Matrices.matrix(q), rho, Matrices.matrix(p));
    }

    static double relativeResidual(RealMatrix a, RealMatrix g, RealMatrix q, double rho, RealMatrix p) {
        RealMatrix atp = a.transpose().multiply(p);
        RealMatrix pgp = p.multiply(g).multiply(p);
        RealMatrix res = p.scalarMultiply(rho).subtract(q).subtract(atp).subtract(atp.transpose()).add(pgp);
        double scale = q.getFrobeniusNorm() + rho * p.getFrobeniusNorm() + 2 * atp.getFrobeniusNorm()
                + pgp.getFrobeniusNorm();
        double num = res.getFrobeniusNorm();
        return scale == 0 ? num : num / scale;
    }

    private static RealMatrix hipparchus(RealMatrix abar, RealMatrix b, RealMatrix q, RealMatrix r) {
        return new RiccatiEquationSolverImpl(abar, b, q, r).getP();
    }

    /** P from the sign of the Hamiltonian: [W12; W22 + I] P = −[W11 + I; W21] in least squares. */
    static RealMatrix matrixSign(RealMatrix abar, RealMatrix g, RealMatrix q) {
        int n = abar.getRowDimension();
        RealMatrix h = new Array2DRowRealMatrix(2 * n, 2 * n);
        h.setSubMatrix(abar.getData(), 0, 0);
        h.setSubMatrix(g.scalarMultiply(-1).getData(), 0, n);
        h.setSubMatrix(q.scalarMultiply(-1).getData(), n, 0);
        h.setSubMatrix(abar.transpose().scalarMultiply(-1).getData(), n, n);
        RealMatrix w = sign(h);
        RealMatrix lhs = new Array2DRowRealMatrix(2 * n, n);
        RealMatrix rhs = new Array2DRowRealMatrix(2 * n, n);
        lhs.setSubMatrix(w.getSubMatrix(0, n - 1, n, 2 * n - 1).getData(), 0, 0);
        lhs.setSubMatrix(w.getSubMatrix(n, 2 * n - 1, n, 2 * n - 1).add(Matrices.identity(n)).getData(), n, 0);
        rhs.setSubMatrix(w.getSubMatrix(0, n - 1, 0, n - 1).add(Matrices.identity(n)).scalarMultiply(-1).getData(), 0, 0);
        rhs.setSubMatrix(w.getSubMatrix(n, 2 * n - 1, 0, n - 1).scalarMultiply(-1).getData(), n, 0);
        return new QRDecomposition(lhs).getSolver().solve(rhs);
    }

    /**
     * The matrix sign function by the Newton iteration Z ← (Z/γ + γZ⁻¹)/2 with determinant scaling
     * γ = |det Z|^{1/N} (Byers 1987; Higham, "Functions of Matrices", 2008, §5.5). A Hamiltonian with an
     * eigenvalue on the imaginary axis has no sign and is refused.
     */
    static RealMatrix sign(RealMatrix h) {
        int dim = h.getRowDimension();
        RealMatrix z = h.copy();
        boolean scale = true;
        for (int it = 0; it < 200; it++) {
            LUDecomposition lu = new LUDecomposition(z, 1e-300);
            if (!lu.getSolver().isNonSingular()) {
                throw new BadInputException("the Hamiltonian has an eigenvalue on the imaginary axis:"
                        + " the Riccati equation has no stabilising solution");
            }
            double gamma = scale ? Math.exp(Lyapunov.logAbsDet(lu) / dim) : 1.0;
            RealMatrix next = z.scalarMultiply(0.5 / gamma).add(lu.getSolver().getInverse().scalarMultiply(0.5 * gamma));
            double change = next.subtract(z).getNorm1() / next.getNorm1();
            z = next;
            if (change < 1e-2) {
                scale = false;
            }
            if (change < 1e-13) {
                return z;
            }
        }
        throw new BadInputException("the matrix sign iteration did not converge: the Hamiltonian has eigenvalues"
                + " (near) the imaginary axis, so the Riccati equation has no stabilising solution");
    }

    static String format(Complex c) {
        return c.getImaginary() == 0 ? String.format("%.6g", c.getReal())
                : String.format("%.6g %s %.6gi", c.getReal(), c.getImaginary() < 0 ? "−" : "+", Math.abs(c.getImaginary()));
    }
}
