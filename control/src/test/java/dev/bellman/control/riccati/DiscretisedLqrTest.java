package dev.bellman.control.riccati;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.reference.ReferenceValues;
import org.junit.jupiter.api.Test;

class DiscretisedLqrTest {
    private static final JsonNode SCALAR = ReferenceValues.get("lqr_scalar");

    private static DiscreteLqrSolution scalar(double dt, TimeDiscretisation scheme) {
        return DiscretisedLqr.solve(new double[][] {{SCALAR.get("alpha").asDouble()}}, new double[][] {{SCALAR.get("beta").asDouble()}},
                new double[][] {{SCALAR.get("q").asDouble()}}, new double[][] {{SCALAR.get("r_a").asDouble()}},
                new double[][] {{SCALAR.get("sigma").asDouble()}}, SCALAR.get("rho").asDouble(), dt, scheme);
    }

    @Test
    void eulerOptimaMatchValuesJson() {
        JsonNode optima = ReferenceValues.get("lqr_scalar_discrete_euler").get("optima");
        assertThat(optima.size()).isEqualTo(3);
        for (JsonNode o : optima) {
            DiscreteLqrSolution s = scalar(o.get("dt").asDouble(), TimeDiscretisation.EULER_RECTANGLE);
            assertThat(s.P()[0][0]).isCloseTo(o.get("P_discrete").asDouble(), within(1e-10 * o.get("P_discrete").asDouble()));
            assertThat(s.K()[0][0]).isCloseTo(o.get("K_discrete").asDouble(), within(1e-10 * o.get("K_discrete").asDouble()));
            double relDiff = s.K()[0][0] / SCALAR.get("K").asDouble() - 1;
            assertThat(relDiff).isCloseTo(o.get("K_rel_diff_to_continuous").asDouble(), within(1e-9));
            assertThat(s.relativeResidual()).isLessThan(1e-13);
        }
    }

    @Test
    void exactTrapezoidSitsAtTheDesignsGainBiasAndConvergesToTheContinuousOptimum() {
        // DESIGN.md 1.2: at dt = 0.01 the exact transition + trapezoid reward biases the gain by −1.57 %.
        DiscreteLqrSolution s = scalar(0.01, TimeDiscretisation.EXACT_TRAPEZOID);
        assertThat(s.K()[0][0] / SCALAR.get("K").asDouble() - 1).isCloseTo(-0.0157, within(0.00005));
        // O(dt) bias in the gain, and the value matrix tends to the continuous P.
        DiscreteLqrSolution fine = scalar(1e-4, TimeDiscretisation.EXACT_TRAPEZOID);
        assertThat(fine.K()[0][0] / SCALAR.get("K").asDouble() - 1).isCloseTo(-0.000157, within(0.00001));
        // the discrete value sums r·dt, so it approximates the continuous value itself
        assertThat(fine.P()[0][0]).isCloseTo(SCALAR.get("P").asDouble(), within(1e-4));
    }

    @Test
    void discreteConstantMatchesTheContinuousOneAsDtShrinks() {
        // The discrete value sums r·dt over steps, so V_dt → V and c_dt → c = Tr(DDᵀP)/(2ρ).
        DiscreteLqrSolution s = scalar(1e-3, TimeDiscretisation.EULER_RECTANGLE);
        assertThat(s.c()).isCloseTo(SCALAR.get("c").asDouble(), within(2e-3 * SCALAR.get("c").asDouble()));
    }

    @Test
    void matrixProblemEulerGainTendsToTheContinuousGain() {
        JsonNode p = ReferenceValues.get("lqr_matrix").get(2);
        double[][] k = ReferenceValues.matrix(p.get("K"));
        double prev = Double.POSITIVE_INFINITY;
        for (double dt : new double[] {0.01, 0.001}) {
            DiscreteLqrSolution s = DiscretisedLqr.solve(ReferenceValues.matrix(p.get("A")), ReferenceValues.matrix(p.get("B")),
                    ReferenceValues.matrix(p.get("Q")), ReferenceValues.matrix(p.get("R")), ReferenceValues.matrix(p.get("D")),
                    p.get("rho").asDouble(), dt, TimeDiscretisation.EULER_RECTANGLE);
            double err = Matrices.matrix(s.K()).subtract(Matrices.matrix(k)).getFrobeniusNorm() / Matrices.frobenius(k);
            assertThat(err).isLessThan(prev / 5);
            prev = err;
        }
        assertThat(prev).isLessThan(0.01);
    }
}
