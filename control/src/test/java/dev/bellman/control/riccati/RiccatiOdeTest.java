package dev.bellman.control.riccati;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.reference.ReferenceValues;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

class RiccatiOdeTest {
    private static final double ALPHA = -0.5;
    private static final double BETA = 1;
    private static final double Q = 1;
    private static final double R = 0.1;
    private static final double SIGMA = 0.3;
    private static final double RHO = 0.1;

    /**
     * Closed form of the scalar Riccati ODE, derived independently: with s = T − t, ā = α − ρ/2, g = β²/r,
     * dp/ds = q + 2āp − gp² = −g(p − p₊)(p − p₋), p± = (ā ± κ)/g, κ = √(ā² + gq); then
     * u = (p − p₊)/(p − p₋) obeys du/ds = −2κu, so p(s) = (p₊ − u(s)p₋)/(1 − u(s)), u(s) = u₀e^{−2κs}.
     */
    static double closedFormP(double t, double horizon, double qT) {
        double abar = ALPHA - RHO / 2;
        double g = BETA * BETA / R;
        double kappa = Math.sqrt(abar * abar + g * Q);
        double pPlus = (abar + kappa) / g;
        double pMinus = (abar - kappa) / g;
        double u = (qT - pPlus) / (qT - pMinus) * Math.exp(-2 * kappa * (horizon - t));
        return (pPlus - u * pMinus) / (1 - u);
    }

    private static RiccatiTrajectory scalar(double qT, double horizon) {
        return RiccatiOde.solve(new double[][] {{ALPHA}}, new double[][] {{BETA}}, new double[][] {{Q}}, new double[][] {{R}},
                new double[][] {{SIGMA}}, RHO, new double[][] {{qT}}, horizon);
    }

    @Test
    void scalarTrajectoryMatchesTheClosedFormEverywhere() {
        for (double qT : new double[] {0.0, 1.0, 5.0}) {
            RiccatiTrajectory tr = scalar(qT, 1.0);
            for (int i = 0; i <= 100; i++) {
                double t = i / 100.0 + (i < 100 ? 0.00371 : 0); // off-grid points test the dense output
                double p = closedFormP(t, 1.0, qT);
                assertThat(tr.P(t)[0][0]).as("qT=%s t=%s", qT, t).isCloseTo(p, within(1e-10 * Math.max(1, p)));
                assertThat(tr.K(t)[0][0]).isCloseTo(BETA / R * p, within(1e-9 * Math.max(1, p)));
                // Ṗ from the ODE at the interpolated P against a 5-point difference of the closed form
                double h = 1e-4;
                if (t > 2 * h && t < 1 - 2 * h) {
                    double fd = (-closedFormP(t + 2 * h, 1.0, qT) + 8 * closedFormP(t + h, 1.0, qT)
                            - 8 * closedFormP(t - h, 1.0, qT) + closedFormP(t - 2 * h, 1.0, qT)) / (12 * h);
                    assertThat(tr.Pdot(t)[0][0]).isCloseTo(fd, within(1e-9 * Math.max(1, Math.abs(fd))));
                }
            }
        }
    }

    @Test
    void scalarConstantMatchesItsIntegralForm() {
        // c(t) = ∫_t^T e^{−ρ(s−t)} ½σ² p(s) ds solves ċ = ρc − ½σ²p, c(T) = 0.
        RiccatiTrajectory tr = scalar(1.0, 1.0);
        IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(16, 1e-14, 1e-15);
        for (double t : new double[] {0.0, 0.25, 0.8}) {
            double c = quad.integrate(100000, s -> Math.exp(-RHO * (s - t)) * 0.5 * SIGMA * SIGMA * closedFormP(s, 1.0, 1.0), t, 1.0);
            assertThat(tr.c(t)).isCloseTo(c, within(1e-11));
        }
        assertThat(tr.c(1.0)).isZero();
    }

    @Test
    void longHorizonTendsToTheAlgebraicSolution() {
        JsonNode v = ReferenceValues.get("lqr_matrix").get(1);
        double[][] a = ReferenceValues.matrix(v.get("A"));
        double[][] b = ReferenceValues.matrix(v.get("B"));
        double[][] q = ReferenceValues.matrix(v.get("Q"));
        double[][] r = ReferenceValues.matrix(v.get("R"));
        double[][] d = ReferenceValues.matrix(v.get("D"));
        double rho = v.get("rho").asDouble();
        double[][] pInf = ReferenceValues.matrix(v.get("P"));
        // Q_T = P_∞ is a fixed point; Q_T = 0 converges at the closed-loop rate.
        RiccatiTrajectory fixed = RiccatiOde.solve(a, b, q, r, d, rho, pInf, 5.0);
        DiscountedCareTest.assertClose(fixed.P(0), pInf, 1e-10);
        RiccatiTrajectory fromZero = RiccatiOde.solve(a, b, q, r, d, rho, new double[3][3], 60.0);
        DiscountedCareTest.assertClose(fromZero.P(0), pInf, 1e-9);
        DiscountedCareTest.assertClose(fromZero.K(0), ReferenceValues.matrix(v.get("K")), 1e-9);
        // c(0) → c∞(1 − e^{−ρT}) approximately; for a long horizon with ρ = 0.1, T = 60: within e^{−6}.
        double cInf = v.get("c").asDouble();
        assertThat(fromZero.c(0)).isCloseTo(cInf, within(cInf * 0.01));
    }
}
