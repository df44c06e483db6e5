package dev.bellman.control.riccati;

import dev.bellman.control.BadInputException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The discounted LQR of DESIGN.md 1.3 as a discrete-time problem with step Δt and the action held over
 * each step, and its exact optimum (a discrete algebraic Riccati equation, DARE).
 *
 * <p>Every scheme gives a discrete problem x' = Fx + Ga + w, w ~ N(0, W), step reward
 * −½(xᵀQ₁x + 2xᵀNa + aᵀR₁a) − κ, discount β = e^{−ρΔt}. Its value is V(x) = −½xᵀPx − c with
 *
 * <pre>
 *   P = Q₁ + βFᵀPF − (N + βFᵀPG)(R₁ + βGᵀPG)⁻¹(Nᵀ + βGᵀPF)
 *   K = (R₁ + βGᵀPG)⁻¹(Nᵀ + βGᵀPF)
 *   c = (κ + ½β Tr(PW)) / (1 − β)
 * </pre>
 *
 * (maximise the Bellman right-hand side, a concave quadratic in a). The schemes:
 * <ul>
 *   <li>{@link TimeDiscretisation#EULER_RECTANGLE}: F = I + AΔt, G = BΔt, W = DDᵀΔt, Q₁ = QΔt,
 *       R₁ = RΔt, N = 0, κ = 0.</li>
 *   <li>{@link TimeDiscretisation#EXACT_TRAPEZOID}: F = e^{AΔt}, G = ∫₀^Δt e^{As}ds B (the top-right
 *       block of exp([[A, B], [0, 0]]Δt)), W = ∫₀^Δt e^{As}DDᵀe^{Aᵀs}ds by Van Loan ("Computing integrals
 *       involving the matrix exponential", IEEE TAC 23, 1978: exp([[−A, DDᵀ], [0, Aᵀ]]Δt) =
 *       [[·, M₁₂], [0, M₂₂]], F = M₂₂ᵀ, W = M₂₂ᵀM₁₂); the reward (Δt/2)[r(x, a) + r(x', a)] in expectation
 *       gives Q₁ = (Δt/2)(Q + FᵀQF), N = (Δt/2)FᵀQG, R₁ = ΔtR + (Δt/2)GᵀQG, κ = (Δt/4)Tr(QW).</li>
 * </ul>
 * The cross term is removed by a = v − R₁⁻¹Nᵀx (Q' = Q₁ − NR₁⁻¹Nᵀ, F' = F − GR₁⁻¹Nᵀ, K = K' + R₁⁻¹Nᵀ),
 * and the discount by Ã = √βF', B̃ = √βG; the standard DARE P = Q' + ÃᵀPÃ − ÃᵀPB̃(R₁ + B̃ᵀPB̃)⁻¹B̃ᵀPÃ is
 * solved by the structure-preserving doubling algorithm (Chu, Fan &amp; Lin, "A structure-preserving doubling
 * algorithm for continuous-time algebraic Riccati equations", Lin. Alg. Appl. 396, 2005; its DARE form),
 * which converges quadratically, so Δt = 10⁻³ (contraction 1 − O(Δt) per step) costs ~20 doublings.
 */
public final class DiscretisedLqr {
    private DiscretisedLqr() {}

    public static DiscreteLqrSolution solve(double[][] a, double[][] b, double[][] q, double[][] r, double[][] d, double rho,
            double dt, TimeDiscretisation scheme) {
        int[] dims = Matrices.requireLqr(a, b, q, r, d);
        int n = dims[0];
        int m = dims[1];
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new BadInputException("dt must be a finite number > 0, got " + dt);
        }
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new BadInputException("rho must be a finite number > 0 for the discounted problem, got " + rho);
        }
        RealMatrix am = Matrices.matrix(a);
        RealMatrix bm = Matrices.matrix(b);
        RealMatrix qm = Matrices.matrix(q);
        RealMatrix rm = Matrices.matrix(r);
        RealMatrix dm = Matrices.matrix(d);
        RealMatrix ddt = dm.multiply(dm.transpose());
        RealMatrix f;
        RealMatrix g;
        RealMatrix w;
        RealMatrix q1;
        RealMatrix n1;
        RealMatrix r1;
        double kappa;
        switch (scheme) {
            case EULER_RECTANGLE -> {
                f = Matrices.identity(n).add(am.scalarMultiply(dt));
                g = bm.scalarMultiply(dt);
                w = ddt.scalarMultiply(dt);
                q1 = qm.scalarMultiply(dt);
                n1 = new Array2DRowRealMatrix(n, m);
                r1 = rm.scalarMultiply(dt);
                kappa = 0;
            }
            case EXACT_TRAPEZOID -> {
                RealMatrix[] fg = exactInput(am, bm, dt);
                f = fg[0];
                g = fg[1];
                w = noiseCovariance(am, ddt, dt);
                q1 = qm.add(f.transpose().multiply(qm).multiply(f)).scalarMultiply(dt / 2);
                n1 = f.transpose().multiply(qm).multiply(g).scalarMultiply(dt / 2);
                r1 = rm.scalarMultiply(dt).add(g.transpose().multiply(qm).multiply(g).scalarMultiply(dt / 2));
                kappa = dt / 4 * Matrices.traceOfProduct(qm, w);
            }
            default -> throw new IllegalArgumentException("unknown scheme " + scheme);
        }
        double beta = Math.exp(-rho * dt);
        return solveDiscrete(f, g, w, Matrices.symmetrise(q1), n1, Matrices.symmetrise(r1), kappa, beta, dt, scheme);
    }

    static DiscreteLqrSolution solveDiscrete(RealMatrix f, RealMatrix g, RealMatrix w, RealMatrix q1, RealMatrix n1,
            RealMatrix r1, double kappa, double beta, double dt, TimeDiscretisation scheme) {
        int n = f.getRowDimension();
        RealMatrix r1Inv = Matrices.inverse("R₁", r1);
        RealMatrix cross = r1Inv.multiply(n1.transpose()); // R₁⁻¹Nᵀ (m × n)
        RealMatrix qPrime = Matrices.symmetrise(q1.subtract(n1.multiply(cross)));
        RealMatrix fPrime = f.subtract(g.multiply(cross));
        double sb = Math.sqrt(beta);
        RealMatrix ak = fPrime.scalarMultiply(sb);
        RealMatrix bt = g.scalarMultiply(sb);
        RealMatrix gk = Matrices.symmetrise(bt.multiply(r1Inv).multiply(bt.transpose()));
        RealMatrix hk = qPrime;
        boolean converged = false;
        for (int it = 0; it < 200 && !converged; it++) {
            RealMatrix wk = Matrices.identity(n).add(gk.multiply(hk));
            LUDecomposition lu = new LUDecomposition(wk, 1e-300);
            if (!lu.getSolver().isNonSingular()) {
                throw new BadInputException("discrete Riccati doubling met a singular I + GH: the discretised problem"
                        + " has no stabilising solution");
            }
            RealMatrix wInvA = lu.getSolver().solve(ak); // W⁻¹A
            RealMatrix wInvG = lu.getSolver().solve(gk); // W⁻¹G
            RealMatrix aNext = ak.multiply(wInvA);
            RealMatrix gNext = Matrices.symmetrise(gk.add(ak.multiply(wInvG).multiply(ak.transpose())));
            RealMatrix hNext = Matrices.symmetrise(hk.add(ak.transpose().multiply(hk).multiply(wInvA)));
            double change = hNext.subtract(hk).getFrobeniusNorm();
            converged = change <= 1e-15 * hNext.getFrobeniusNorm() || aNext.getFrobeniusNorm() < 1e-300;
            ak = aNext;
            gk = gNext;
            hk = hNext;
            if (!Double.isFinite(change)) {
                throw new BadInputException("discrete Riccati doubling diverged: the discretised problem is not"
                        + " stabilisable at dt = " + dt);
            }
        }
        if (!converged) {
            throw new BadInputException("discrete Riccati doubling did not converge at dt = " + dt);
        }
        RealMatrix p = hk;
        RealMatrix gain = r1.add(g.transpose().multiply(p).multiply(g).scalarMultiply(beta));
        RealMatrix rhsGain = n1.transpose().add(g.transpose().multiply(p).multiply(f).scalarMultiply(beta));
        RealMatrix k = new LUDecomposition(gain).getSolver().solve(rhsGain);
        RealMatrix riccatiMap = q1.add(f.transpose().multiply(p).multiply(f).scalarMultiply(beta))
                .subtract(rhsGain.transpose().multiply(k));
        double residual = riccatiMap.subtract(p).getFrobeniusNorm() / Math.max(p.getFrobeniusNorm(), 1e-300);
        double c = (kappa + 0.5 * beta * Matrices.traceOfProduct(p, w)) / (1 - beta);
        return new DiscreteLqrSolution(p.getData(), k.getData(), c, dt, scheme, residual);
    }

    /** [e^{AΔt}, ∫₀^Δt e^{As}ds B] from exp([[A, B], [0, 0]]Δt). */
    static RealMatrix[] exactInput(RealMatrix a, RealMatrix b, double dt) {
        int n = a.getRowDimension();
        int m = b.getColumnDimension();
        RealMatrix block = new Array2DRowRealMatrix(n + m, n + m);
        block.setSubMatrix(a.scalarMultiply(dt).getData(), 0, 0);
        block.setSubMatrix(b.scalarMultiply(dt).getData(), 0, n);
        RealMatrix e = MatrixUtils.matrixExponential(block);
        return new RealMatrix[] {e.getSubMatrix(0, n - 1, 0, n - 1), e.getSubMatrix(0, n - 1, n, n + m - 1)};
    }

    /** Van Loan's W = ∫₀^Δt e^{As} S e^{Aᵀs} ds for S = DDᵀ. */
    static RealMatrix noiseCovariance(RealMatrix a, RealMatrix s, double dt) {
        int n = a.getRowDimension();
        RealMatrix block = new Array2DRowRealMatrix(2 * n, 2 * n);
        block.setSubMatrix(a.scalarMultiply(-dt).getData(), 0, 0);
        block.setSubMatrix(s.scalarMultiply(dt).getData(), 0, n);
        block.setSubMatrix(a.transpose().scalarMultiply(dt).getData(), n, n);
        RealMatrix e = MatrixUtils.matrixExponential(block);
        RealMatrix m12 = e.getSubMatrix(0, n - 1, n, 2 * n - 1);
        RealMatrix m22 = e.getSubMatrix(n, 2 * n - 1, n, 2 * n - 1);
        return Matrices.symmetrise(m22.transpose().multiply(m12));
    }
}
