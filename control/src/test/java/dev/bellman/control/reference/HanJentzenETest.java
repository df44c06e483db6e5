package dev.bellman.control.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class HanJentzenETest {
    @Test
    void quadratureAtTheOriginMatchesValuesJson() {
        JsonNode v = ReferenceValues.get("hjb_lq_han_jentzen_e");
        for (String d : new String[] {"10", "100"}) {
            HanJentzenE p = new HanJentzenE(Integer.parseInt(d), v.get("lambda").asDouble(), v.get("T").asDouble());
            assertThat(p.uAtOrigin(0)).isCloseTo(v.get("u0").get(d).asDouble(), within(1e-6));
        }
    }

    @Test
    void monteCarloAgreesWithinThreeStandardErrors() {
        JsonNode v = ReferenceValues.get("hjb_lq_han_jentzen_e");
        for (String d : new String[] {"10", "100"}) {
            HanJentzenE p = HanJentzenE.reference(Integer.parseInt(d));
            MonteCarloEstimate mc = p.uMonteCarlo(0, new double[p.d()], 20_000, 11);
            assertThat(mc.standardError()).isPositive().isLessThan(0.01);
            assertThat(mc.value()).isCloseTo(v.get("u0").get(d).asDouble(), within(3 * mc.standardError()));
        }
    }

    /**
     * Issue 10 judges u0_rel_err to 0.5 % (d = 10) and 0.2 % (d = 100). The reported u0_exact is the
     * quadrature (≈ 1e-13); its independent Monte Carlo estimate must be precise enough to confirm it at a
     * tenth of those tolerances, and agree with it.
     */
    @Test
    void monteCarloErrorIsATenthOfTheTargetsAndConfirmsTheQuadrature() {
        int[][] cases = {{10, 400_000}, {100, 40_000}};
        double[] targets = {0.005, 0.002};
        for (int c = 0; c < 2; c++) {
            HanJentzenE p = HanJentzenE.reference(cases[c][0]);
            MonteCarloEstimate mc = p.uMonteCarlo(0, new double[p.d()], cases[c][1], 23);
            double u0 = p.uAtOrigin(0);
            assertThat(mc.standardError() / u0).as("d = %d", p.d()).isLessThan(targets[c] / 10);
            assertThat(mc.value()).isCloseTo(u0, within(3 * mc.standardError()));
        }
    }

    @Test
    void offOriginQuadratureAgreesWithMonteCarloAndTheUncontrolledCostBoundsIt() {
        HanJentzenE p = HanJentzenE.reference(5);
        double[] x = {0.5, -1.0, 0.2, 0.0, 1.5};
        double u = p.u(0.3, x);
        MonteCarloEstimate mc = p.uMonteCarlo(0.3, x, 40_000, 5);
        assertThat(u).isCloseTo(mc.value(), within(3 * mc.standardError()));
        double uncontrolled = p.uncontrolledCost(0.3, x);
        MonteCarloEstimate umc = p.uncontrolledCostMonteCarlo(0.3, x, 40_000, 6);
        assertThat(uncontrolled).isCloseTo(umc.value(), within(3 * umc.standardError()));
        assertThat(u).isLessThan(uncontrolled); // Jensen: control can only help
        assertThat(p.u(1.0, x)).isCloseTo(p.terminalCost(x), within(1e-15));
        // the 2-D rule and the 1-D rule agree as x → 0
        assertThat(p.u(0, new double[] {1e-9, 0, 0, 0, 0})).isCloseTo(p.uAtOrigin(0), within(1e-10));
    }

    @Test
    void satisfiesItsPdeInOneDimension() {
        // ∂ₜu + u'' − λ(u')² = 0 by finite differences of the quadrature value
        HanJentzenE p = new HanJentzenE(1, 1.0, 1.0);
        double t = 0.4;
        double x = 0.7;
        double h = 1e-3;
        double ut = (p.u(t + h, new double[] {x}) - p.u(t - h, new double[] {x})) / (2 * h);
        double up = p.u(t, new double[] {x + h});
        double u0 = p.u(t, new double[] {x});
        double um = p.u(t, new double[] {x - h});
        double ux = (up - um) / (2 * h);
        double uxx = (up - 2 * u0 + um) / (h * h);
        assertThat(ut + uxx - ux * ux).isCloseTo(0, within(1e-5));
    }
}
