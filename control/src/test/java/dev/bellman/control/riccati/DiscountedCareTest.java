package dev.bellman.control.riccati;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bellman.control.BadInputException;
import dev.bellman.control.reference.ReferenceValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DiscountedCareTest {

    @ParameterizedTest
    @EnumSource(value = CareMethod.class)
    void scalarReferenceMatchesValuesJson(CareMethod method) {
        JsonNode v = ReferenceValues.get("lqr_scalar");
        double sigma = v.get("sigma").asDouble();
        CareSolution s = DiscountedCare.solve(new double[][] {{v.get("alpha").asDouble()}}, new double[][] {{v.get("beta").asDouble()}},
                new double[][] {{v.get("q").asDouble()}}, new double[][] {{v.get("r_a").asDouble()}}, new double[][] {{sigma}},
                v.get("rho").asDouble(), method);
        assertThat(s.P()[0][0]).isCloseTo(v.get("P").asDouble(), within(1e-10 * v.get("P").asDouble()));
        assertThat(s.K()[0][0]).isCloseTo(v.get("K").asDouble(), within(1e-10 * v.get("K").asDouble()));
        assertThat(s.c()).isCloseTo(v.get("c").asDouble(), within(1e-10 * v.get("c").asDouble()));
        assertThat(s.relativeResidual()).isLessThan(DiscountedCare.ACCEPTED_RESIDUAL);
    }

    @ParameterizedTest
    @EnumSource(value = CareMethod.class)
    void matrixProblemsMatchValuesJson(CareMethod method) {
        JsonNode problems = ReferenceValues.get("lqr_matrix");
        assertThat(problems.size()).isEqualTo(3);
        for (JsonNode p : problems) {
            CareSolution s = DiscountedCare.solve(ReferenceValues.matrix(p.get("A")), ReferenceValues.matrix(p.get("B")),
                    ReferenceValues.matrix(p.get("Q")), ReferenceValues.matrix(p.get("R")), ReferenceValues.matrix(p.get("D")),
                    p.get("rho").asDouble(), method);
            assertClose(s.P(), ReferenceValues.matrix(p.get("P")), 1e-8);
            assertClose(s.K(), ReferenceValues.matrix(p.get("K")), 1e-8);
            assertThat(s.c()).isCloseTo(p.get("c").asDouble(), within(1e-8 * Math.abs(p.get("c").asDouble())));
            assertThat(s.closedLoopMaxRealEig())
                    .isCloseTo(p.get("closed_loop_max_real_eig").asDouble(), within(1e-8));
            assertThat(s.relativeResidual()).isLessThan(1e-13);
        }
    }

    @Test
    void relativeResidualIsSmallOnlyAtTheSolution() {
        JsonNode p = ReferenceValues.get("lqr_matrix").get(1);
        double[][] a = ReferenceValues.matrix(p.get("A"));
        double[][] b = ReferenceValues.matrix(p.get("B"));
        double[][] q = ReferenceValues.matrix(p.get("Q"));
        double[][] r = ReferenceValues.matrix(p.get("R"));
        double[][] pm = ReferenceValues.matrix(p.get("P"));
        double rho = p.get("rho").asDouble();
        assertThat(DiscountedCare.relativeResidual(a, b, q, r, rho, pm)).isLessThan(1e-12);
        pm[0][0] *= 1 + 1e-6;
        double perturbed = DiscountedCare.relativeResidual(a, b, q, r, rho, pm);
        assertThat(perturbed).isGreaterThan(1e-8).isLessThan(1e-5);
    }

    @Test
    void unstabilisableProblemIsRefusedWithTheMode() {
        double[][] a = {{0.5, 0}, {0, -1}};
        double[][] b = {{0}, {1}}; // cannot reach the unstable first coordinate
        assertThatThrownBy(() -> DiscountedCare.solve(a, b, Matrices.diagonal(2, 1), new double[][] {{1}},
                Matrices.diagonal(2, 0.1), 0.1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not stabilisable")
                .hasMessageContaining("0.450000");
        assertThatThrownBy(() -> DiscountedCare.solve(new double[][] {{1}}, new double[][] {{0}}, new double[][] {{1}},
                new double[][] {{1}}, new double[][] {{0.3}}, 0.1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not stabilisable");
    }

    @Test
    void undetectableProblemIsRefused() {
        assertThatThrownBy(() -> DiscountedCare.solve(new double[][] {{1}}, new double[][] {{1}}, new double[][] {{0}},
                new double[][] {{1}}, new double[][] {{0.3}}, 0.1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not detectable");
    }

    @Test
    void invalidParametersAreRefused() {
        double[][] one = {{1}};
        assertThatThrownBy(() -> DiscountedCare.solve(one, one, one, new double[][] {{0}}, one, 0.1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("R must be symmetric positive definite");
        assertThatThrownBy(() -> DiscountedCare.solve(one, one, new double[][] {{-1}}, one, one, 0.1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("Q must be symmetric positive semidefinite");
        assertThatThrownBy(() -> DiscountedCare.solve(one, one, one, one, one, 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("rho");
        assertThatThrownBy(() -> DiscountedCare.solve(one, new double[][] {{1}, {1}}, one, one, one, 0.1))
                .isInstanceOf(BadInputException.class).hasMessageContaining("matrix B must have 1 rows");
    }

    @Test
    void decoupledHundredDimensionalProblemIsFastAndMatchesTheScalarSolution() {
        JsonNode v = ReferenceValues.get("lqr_scalar");
        int d = 100;
        double[][] a = Matrices.diagonal(d, v.get("alpha").asDouble());
        double[][] b = Matrices.diagonal(d, v.get("beta").asDouble());
        double[][] q = Matrices.diagonal(d, v.get("q").asDouble());
        double[][] r = Matrices.diagonal(d, v.get("r_a").asDouble());
        double[][] dd = Matrices.diagonal(d, v.get("sigma").asDouble());
        CareSolution s = DiscountedCare.solve(a, b, q, r, dd, v.get("rho").asDouble(), CareMethod.MATRIX_SIGN);
        double[][] p = s.P();
        for (int i = 0; i < d; i++) {
            assertThat(p[i][i]).isCloseTo(v.get("P").asDouble(), within(1e-10 * v.get("P").asDouble()));
            for (int j = 0; j < d; j++) {
                if (i != j) {
                    assertThat(Math.abs(p[i][j])).isLessThan(1e-13);
                }
            }
        }
        assertThat(s.c()).isCloseTo(d * v.get("c").asDouble(), within(1e-9 * d * v.get("c").asDouble()));
    }

    @Test
    void coupledHundredDimensionalProblemSatisfiesAcceptance() {
        int d = 100;
        java.util.Random rng = new java.util.Random(7);
        double[][] a = new double[d][d];
        double[][] b = new double[d][3];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = rng.nextGaussian() / Math.sqrt(d);
            }
            a[i][i] -= 0.8;
            for (int j = 0; j < 3; j++) {
                b[i][j] = rng.nextGaussian();
            }
        }
        // Speed is a benchmark's business, not a test's (a shared CI machine makes timed tests flaky).
        CareSolution s = DiscountedCare.solve(a, b, Matrices.diagonal(d, 1), Matrices.diagonal(3, 0.5), Matrices.diagonal(d, 0.2), 0.1);
        assertThat(s.method()).isEqualTo(CareMethod.MATRIX_SIGN);
        assertThat(s.relativeResidual()).isLessThan(DiscountedCare.ACCEPTED_RESIDUAL);
        assertThat(s.closedLoopMaxRealEig() - 0.05).isNegative();
    }

    static void assertClose(double[][] actual, double[][] expected, double relative) {
        double scale = Matrices.frobenius(expected);
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual[i][j]).as("entry (%d,%d)", i, j).isCloseTo(expected[i][j], within(relative * scale));
            }
        }
    }
}
