package dev.bellman.control.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.BadInputException;
import org.junit.jupiter.api.Test;

class LqrSolutionTest {
    @Test
    void referenceDefaultsReproduceValuesJson() {
        JsonNode v = ReferenceValues.get("lqr_scalar");
        LqrParameters p = LqrParameters.reference();
        assertThat(p).isEqualTo(LqrParameters.scalar(v.get("alpha").asDouble(), v.get("beta").asDouble(), v.get("q").asDouble(),
                v.get("r_a").asDouble(), v.get("sigma").asDouble(), v.get("rho").asDouble()));
        LqrSolution s = LqrSolution.of(p);
        assertThat(s.P()[0][0]).isCloseTo(v.get("P").asDouble(), within(1e-10 * v.get("P").asDouble()));
        assertThat(s.K()[0][0]).isCloseTo(v.get("K").asDouble(), within(1e-10 * v.get("K").asDouble()));
        assertThat(s.c()).isCloseTo(v.get("c").asDouble(), within(1e-10 * v.get("c").asDouble()));
        assertThat(s.value(new double[] {2})).isCloseTo(-0.5 * v.get("P").asDouble() * 4 - v.get("c").asDouble(), within(1e-9));
        assertThat(s.action(new double[] {2})[0]).isCloseTo(-2 * v.get("K").asDouble(), within(1e-9));
    }

    @Test
    void valueSatisfiesTheHjbAndDerivativesMatchFiniteDifferences() {
        JsonNode pj = ReferenceValues.get("lqr_matrix").get(1);
        LqrParameters p = new LqrParameters(ReferenceValues.matrix(pj.get("A")), ReferenceValues.matrix(pj.get("B")),
                ReferenceValues.matrix(pj.get("Q")), ReferenceValues.matrix(pj.get("R")), ReferenceValues.matrix(pj.get("D")),
                pj.get("rho").asDouble());
        LqrSolution s = LqrSolution.of(p);
        double[][] a = p.A();
        double[][] b = p.B();
        double[][] dd = p.D();
        double[][] hess = s.hessian();
        for (double[] x : new double[][] {{0.3, -1.2, 0.7}, {2, 0.1, -0.4}}) {
            double[] g = s.gradient(x);
            double h = 1e-5;
            for (int i = 0; i < 3; i++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                assertThat(g[i]).isCloseTo((s.value(xp) - s.value(xm)) / (2 * h), within(1e-8));
            }
            // ρV = r(x, a*) + ∇V·(Ax + Ba*) + ½Tr(DDᵀ∇²V), and a* maximises (gradient in a vanishes)
            double[] act = s.action(x);
            double drift = 0;
            for (int i = 0; i < 3; i++) {
                double fi = 0;
                for (int j = 0; j < 3; j++) {
                    fi += a[i][j] * x[j];
                }
                for (int j = 0; j < act.length; j++) {
                    fi += b[i][j] * act[j];
                }
                drift += g[i] * fi;
            }
            double trace = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double ddt = 0;
                    for (int k = 0; k < dd[0].length; k++) {
                        ddt += dd[i][k] * dd[j][k];
                    }
                    trace += ddt * hess[j][i];
                }
            }
            double rhs = p.reward(x, act) + drift + 0.5 * trace;
            assertThat(p.rho() * s.value(x)).isCloseTo(rhs, within(1e-12 * Math.abs(rhs)));
        }
    }

    @Test
    void decoupledProblemMatchesScalarSolutionOnItsDiagonalAndBatchedHelpersAgree() {
        LqrSolution scalar = LqrSolution.of(LqrParameters.reference());
        LqrSolution s = LqrSolution.of(LqrParameters.decoupled(4));
        double[][] x = EvaluationStates.lqr(4);
        double[] v = s.values(x);
        double[][] a = s.actions(x);
        double[][] g = s.gradients(x);
        for (int b = 0; b < 10; b++) {
            assertThat(v[b]).isEqualTo(s.value(x[b]));
            assertThat(a[b]).containsExactly(s.action(x[b]));
            assertThat(g[b]).containsExactly(s.gradient(x[b]));
            assertThat(a[b][2]).isCloseTo(-scalar.K()[0][0] * x[b][2], within(1e-12));
        }
        assertThat(s.c()).isCloseTo(4 * scalar.c(), within(1e-12));
    }

    @Test
    void invalidParametersAreRefused() {
        assertThatThrownBy(() -> LqrSolution.of(LqrParameters.reference().withRho(0)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("rho > 0");
        assertThatThrownBy(() -> LqrParameters.scalar(-0.5, 1, 1, 0, 0.3, 0.1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("r_a");
        assertThatThrownBy(() -> new LqrParameters(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1}, {0}},
                new double[][] {{1, 1}, {0, 1}}, new double[][] {{1}}, new double[][] {{1}, {1}}, 0.1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Q must be symmetric");
        assertThatThrownBy(() -> LqrParameters.decoupled(0)).isInstanceOf(BadInputException.class);
    }

    @Test
    void finiteHorizonReferenceSatisfiesItsHjb() {
        LqrFiniteSolution f = LqrFiniteSolution.reference();
        LqrParameters p = f.problem().dynamics();
        assertThat(f.P(1.0)[0][0]).isEqualTo(1.0);
        for (double t : new double[] {0.0, 0.37, 0.9}) {
            for (double x : new double[] {-1.5, 0.4}) {
                double[] xs = {x};
                double[] act = f.action(t, xs);
                double g = f.gradient(t, xs)[0];
                double rhs = p.reward(xs, act) + g * (p.A()[0][0] * x + p.B()[0][0] * act[0])
                        + 0.5 * p.D()[0][0] * p.D()[0][0] * f.hessian(t)[0][0];
                double lhs = p.rho() * f.value(t, xs) - f.timeDerivative(t, xs);
                assertThat(lhs).isCloseTo(rhs, within(1e-10 * Math.max(1, Math.abs(rhs))));
            }
        }
    }
}
