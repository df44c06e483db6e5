package dev.bellman.control.qlearn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.TestSupport;
import dev.bellman.control.problems.LqrProblem;
import dev.bellman.control.random.StepRandom;
import dev.bellman.control.reference.LqrParameters;
import dev.bellman.control.reference.LqrSolution;
import dev.bellman.control.riccati.DiscreteLqrSolution;
import dev.bellman.control.riccati.DiscretisedLqr;
import dev.bellman.control.riccati.TimeDiscretisation;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * The TD error's conventions against the exact optimum of the discretised problem the simulator poses: with
 * V = −½xᵀPx − c and q = −½(a + Kx)ᵀR̃(a + Kx), R̃ = (R₁ + e^{−ρΔt}GᵀPG)/Δt (DiscretisedLqr), E[δ | x, a] = 0 for
 * ANY action. This pins the reward accumulated over the step (r̄Δt, trapezoid for the exact rule), the discount
 * e^{−ρΔt} on V(x'), and the advantage rate entering as q·Δt. A coupled 2-d problem with two actions, so that
 * transposes matter.
 */
class TemporalDifferenceTest {
    private static final double[][] A = {{-0.5, 0.3}, {0.2, -0.4}};
    private static final double[][] B = {{1, 0}, {0.5, 1}};
    private static final double[][] Q = {{1, 0.2}, {0.2, 2}};
    private static final double[][] R = {{0.1, 0.02}, {0.02, 0.2}};
    private static final double[][] NOISE = {{0.3, 0}, {0.1, 0.2}};
    private static final double RHO = 0.1;

    /** Without noise δ must vanish on every transition (to rounding); the continuous-time optimum must not fit. */
    @Test
    void tdErrorVanishesOnEveryTransitionAtTheDiscreteOptimumWithoutNoise() {
        LqrParameters p = new LqrParameters(A, B, Q, R, new double[2][2], RHO);
        for (TimeDiscretisation scheme : TimeDiscretisation.values()) {
            for (double dt : new double[] {0.5, 0.05}) {
                Residuals r = residuals(p, scheme, dt, 2000, 1);
                assertThat(r.maxAbs(r.rate)).as("%s dt %s", scheme, dt).isLessThan(1e-9);
                // The test has power: the continuous-time gain in q, or a discount 1 − ρΔt, leaves a visible error.
                assertThat(r.maxAbs(r.rateWithContinuousGain)).as("%s dt %s", scheme, dt).isGreaterThan(1e-4);
                assertThat(r.maxAbs(r.rateWithLinearDiscount)).as("%s dt %s", scheme, dt).isGreaterThan(1e-6);
            }
        }
    }

    /**
     * With noise, the mean of δ/Δt and its correlations with ‖x‖² and with the action's distance from optimal
     * vanish within Monte Carlo error (4.5 standard errors), and dropping the constant c is detected.
     */
    @Test
    void tdErrorHasZeroMeanAtTheDiscreteOptimumWithNoise() {
        LqrParameters p = new LqrParameters(A, B, Q, R, NOISE, RHO);
        for (TimeDiscretisation scheme : TimeDiscretisation.values()) {
            Residuals r = residuals(p, scheme, 0.1, 100_000, 2);
            for (int w = 0; w < 3; w++) {
                double[] z = r.weighted(r.rate, w);
                assertThat(Math.abs(mean(z))).as("%s weight %d", scheme, w).isLessThan(4.5 * standardError(z));
            }
            double[] noC = r.rateWithoutConstant;
            assertThat(Math.abs(mean(noC))).as("%s without c", scheme).isGreaterThan(8 * standardError(noC));
        }
    }

    private record Residuals(double[] rate, double[] rateWithContinuousGain, double[] rateWithLinearDiscount,
            double[] rateWithoutConstant, double[] xNorm2, double[] gap2) {
        double maxAbs(double[] v) {
            double m = 0;
            for (double e : v) {
                m = Math.max(m, Math.abs(e));
            }
            return m;
        }

        /** rate·w with w = 1, ‖x‖², ‖a + Kx‖² (centred, so that each has its own mean-zero claim). */
        double[] weighted(double[] r, int which) {
            double[] w = which == 0 ? null : which == 1 ? xNorm2 : gap2;
            double[] out = new double[r.length];
            double wm = w == null ? 0 : mean(w);
            for (int i = 0; i < r.length; i++) {
                out[i] = w == null ? r[i] : r[i] * (w[i] - wm);
            }
            return out;
        }
    }

    private static Residuals residuals(LqrParameters p, TimeDiscretisation scheme, double dt, int n, long seed) {
        TestSupport.engine();
        DiscreteLqrSolution s = DiscretisedLqr.solve(p.A(), p.B(), p.Q(), p.R(), p.D(), p.rho(), dt, scheme);
        RealMatrix pm = MatrixUtils.createRealMatrix(s.P());
        RealMatrix k = MatrixUtils.createRealMatrix(s.K());
        RealMatrix kc = MatrixUtils.createRealMatrix(LqrSolution.of(p).K());
        double gamma = Math.exp(-p.rho() * dt);
        RealMatrix g = scheme == TimeDiscretisation.EULER_RECTANGLE ? MatrixUtils.createRealMatrix(p.B()).scalarMultiply(dt)
                : new LinearGaussianStep(p).fgw(dt)[1];
        RealMatrix rm = MatrixUtils.createRealMatrix(p.R()).scalarMultiply(dt);
        if (scheme == TimeDiscretisation.EXACT_TRAPEZOID) {
            rm = rm.add(g.transpose().multiply(MatrixUtils.createRealMatrix(p.Q())).multiply(g).scalarMultiply(dt / 2));
        }
        RealMatrix rTilde = rm.add(g.transpose().multiply(pm).multiply(g).scalarMultiply(gamma)).scalarMultiply(1 / dt);
        ProblemSimulator sim = new ProblemSimulator(new LqrProblem(p), scheme);
        int d = 2;
        int m = 2;
        try (NDManager mgr = TestSupport.manager()) {
            NDArray x = TestSupport.gaussian(mgr, seed, 1.5, n, d);
            NDArray a = TestSupport.gaussian(mgr, seed + 100, 3.0, n, m);
            Environment.Outcome o = sim.step(x, a, dt, StepRandom.of(seed).forStep(7));
            double[] xs = TestSupport.d(x);
            double[] as = TestSupport.d(a);
            double[] ns = TestSupport.d(o.next());
            double[] v = new double[n];
            double[] vNext = new double[n];
            double[] q = new double[n];
            double[] qc = new double[n];
            double[] x2 = new double[n];
            double[] gap2 = new double[n];
            for (int i = 0; i < n; i++) {
                double[] xi = {xs[2 * i], xs[2 * i + 1]};
                double[] ai = {as[2 * i], as[2 * i + 1]};
                double[] ni = {ns[2 * i], ns[2 * i + 1]};
                v[i] = -0.5 * quad(pm, xi) - s.c();
                vNext[i] = -0.5 * quad(pm, ni) - s.c();
                double[] e = add(ai, k.operate(xi));
                double[] ec = add(ai, kc.operate(xi));
                q[i] = -0.5 * quad(rTilde, e);
                qc[i] = -0.5 * quad(rTilde, ec);
                x2[i] = xi[0] * xi[0] + xi[1] * xi[1];
                gap2[i] = e[0] * e[0] + e[1] * e[1];
            }
            TransitionBatch batch = new TransitionBatch(x, a, o.rewardRate(), o.next(), mgr.ones(new Shape(n, 1), DataType.FLOAT64).mul(dt));
            double[] rate = TestSupport.d(TemporalDifference.rate(batch, col(mgr, v), col(mgr, vNext), col(mgr, q), p.rho()));
            double[] rateC = TestSupport.d(TemporalDifference.rate(batch, col(mgr, v), col(mgr, vNext), col(mgr, qc), p.rho()));
            double[] rateLin = new double[n];
            double[] rateNoC = new double[n];
            for (int i = 0; i < n; i++) {
                rateLin[i] = rate[i] + (1 - p.rho() * dt - gamma) * vNext[i] / dt;
                // V without its constant: the rate changes by −(γ − 1)c/Δt.
                rateNoC[i] = rate[i] + (gamma - 1) * s.c() / dt;
            }
            return new Residuals(rate, rateC, rateLin, rateNoC, x2, gap2);
        }
    }

    private static NDArray col(NDManager m, double[] v) {
        return m.create(v, new Shape(v.length, 1));
    }

    private static double quad(RealMatrix m, double[] v) {
        double[] mv = m.operate(v);
        return v[0] * mv[0] + v[1] * mv[1];
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1]};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s / v.length;
    }

    private static double standardError(double[] v) {
        double mu = mean(v);
        double s = 0;
        for (double e : v) {
            s += (e - mu) * (e - mu);
        }
        return Math.sqrt(s / (v.length - 1) / v.length);
    }
}
