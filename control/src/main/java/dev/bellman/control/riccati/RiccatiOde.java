package dev.bellman.control.riccati;

import dev.bellman.control.BadInputException;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.ode.DenseOutputModel;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The finite-horizon stochastic LQR in reward form (DESIGN.md 1.3 with horizon T, issue 10):
 * maximise E[∫₀^T e^{−ρt} r dt + e^{−ρT}(−½X_TᵀQ_TX_T)]. Its value V(t, x) = −½xᵀP(t)x − c(t) solves
 * ρV − ∂ₜV = max_a{r + L^aV}; matching the quadratic and constant terms gives the Riccati ODE
 *
 * <pre>
 *   −Ṗ = Q + AᵀP + PA − PGP − ρP,  P(T) = Q_T,   G = BR⁻¹Bᵀ
 *    ċ = ρc − ½Tr(DDᵀP),            c(T) = 0
 * </pre>
 *
 * and a*(t, x) = −K(t)x with K(t) = R⁻¹BᵀP(t). Integrated backward from T to 0 in double precision by
 * Hipparchus' Dormand–Prince 8(5,3) with relative and absolute tolerance {@value #TOLERANCE} (absolute
 * scaled by max(1, ‖Q_T‖, ‖Q‖)); P(t), c(t) at any t ∈ [0, T] come from its dense output (a 7th-order
 * interpolant whose error is of the order of the step tolerance).
 */
public final class RiccatiOde {
    /** Integrator tolerance (relative; absolute after scaling), tighter than the 1e-10 asked of P(t). */
    public static final double TOLERANCE = 1e-12;

    private RiccatiOde() {}

    /** Integrates the Riccati ODE; ρ ≥ 0, Q_T symmetric PSD, T &gt; 0. */
    public static RiccatiTrajectory solve(double[][] a, double[][] b, double[][] q, double[][] r, double[][] d, double rho,
            double[][] qT, double horizon) {
        int n = Matrices.requireShape("A", a, -1, a == null || a.length == 0 ? -1 : a.length);
        int m = Matrices.requireShape("B", b, n, -1);
        Matrices.requireShape("Q", q, n, n);
        Matrices.requireShape("R", r, m, m);
        Matrices.requireShape("D", d, n, -1);
        Matrices.requireShape("Q_T", qT, n, n);
        Matrices.requireSymmetric("Q_T", qT);
        Matrices.requireDefinite("Q_T", qT, false);
        Matrices.requireDefinite("R", r, true);
        if (!(rho >= 0) || !Double.isFinite(rho)) {
            throw new BadInputException("rho must be a finite number ≥ 0, got " + rho);
        }
        if (!(horizon > 0) || !Double.isFinite(horizon)) {
            throw new BadInputException("the horizon T must be a finite number > 0, got " + horizon);
        }
        RealMatrix am = Matrices.matrix(a);
        RealMatrix bm = Matrices.matrix(b);
        RealMatrix rInv = Matrices.inverse("R", Matrices.matrix(r));
        RealMatrix gain = rInv.multiply(bm.transpose()); // R⁻¹Bᵀ
        double[][] g = Matrices.symmetrise(bm.multiply(gain).getData());
        double[][] at = am.transpose().getData();
        double[][] dm = Matrices.matrix(d).multiply(Matrices.matrix(d).transpose()).getData();
        double[][] qs = Matrices.symmetrise(q);

        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n * n + 1;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return derivative(y, n, at, g, qs, dm, rho);
            }
        };
        double scale = Math.max(1.0, Math.max(Matrices.maxAbs(qT), Matrices.maxAbs(q)));
        DormandPrince853Integrator integrator =
                new DormandPrince853Integrator(0.0, horizon, TOLERANCE * scale, TOLERANCE);
        DenseOutputModel model = new DenseOutputModel();
        integrator.addStepHandler(model);
        double[] y0 = new double[n * n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(qT[i], 0, y0, i * n, n);
        }
        integrator.integrate(ode, new ODEState(horizon, y0), 0.0);
        return new RiccatiTrajectory(model, n, horizon, gain.getData(), at, g, qs, dm, rho);
    }

    /** dy/dt of y = (P row-major, c). */
    static double[] derivative(double[] y, int n, double[][] at, double[][] g, double[][] q, double[][] ddt, double rho) {
        double[] dy = new double[n * n + 1];
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i][j] = 0.5 * (y[i * n + j] + y[j * n + i]);
            }
        }
        double[][] atp = multiply(at, p);
        double[][] pgp = multiply(multiply(p, g), p);
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rhs = q[i][j] + atp[i][j] + atp[j][i] - pgp[i][j] - rho * p[i][j];
                dy[i * n + j] = -rhs;
                trace += ddt[i][j] * p[j][i];
            }
        }
        dy[n * n] = rho * y[n * n] - 0.5 * trace;
        return dy;
    }

    static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        int k = y.length;
        int m = y[0].length;
        double[][] z = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < k; l++) {
                double v = x[i][l];
                if (v == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    z[i][j] += v * y[l][j];
                }
            }
        }
        return z;
    }
}
