package dev.bellman.control.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void evaluationStatesHaveTheDesignedShapeAndAreReproducible() {
        double[][] s = EvaluationStates.lqr(1);
        assertThat(s).hasDimensions(201, 1);
        assertThat(s[0][0]).isEqualTo(-2.0);
        assertThat(s[100][0]).isCloseTo(0.0, within(1e-15));
        assertThat(s[200][0]).isEqualTo(2.0);
        double[][] g = EvaluationStates.lqr(10);
        assertThat(g).hasDimensions(4096, 10);
        assertThat(EvaluationStates.gaussian(10)).isDeepEqualTo(g);
        double mean = 0;
        double var = 0;
        for (double[] row : g) {
            for (double v : row) {
                mean += v;
                var += v * v;
            }
        }
        assertThat(mean / 40960).isCloseTo(0, within(0.03));
        assertThat(var / 40960).isCloseTo(1, within(0.03));
        double[] w = EvaluationStates.mertonWealths();
        assertThat(w).hasSize(201);
        assertThat(w[0]).isEqualTo(0.5);
        assertThat(w[200]).isEqualTo(5.0);
    }

    @Test
    void leastSquaresGainRecoversAnExactLinearPolicyAndMeasuresItsError() {
        double[][] k = {{1.0, -2.0, 0.5}, {0.3, 0.0, -1.0}};
        double[][] x = EvaluationStates.gaussian(3);
        double[][] a = new double[x.length][2];
        for (int b = 0; b < x.length; b++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    a[b][i] -= k[i][j] * x[b][j];
                }
            }
        }
        assertThat(Metrics.kRelErr(x, a, k)).isLessThan(1e-14);
        double[][] k2 = {{1.1, -2.0, 0.5}, {0.3, 0.0, -1.0}};
        double expected = 0.1 / Math.sqrt(1 + 4 + 0.25 + 0.09 + 1);
        assertThat(Metrics.gainRelativeError(k2, k)).isCloseTo(expected, within(1e-15));
        assertThat(Metrics.relativeL2Error(new double[] {3, 4.5}, new double[] {3, 4})).isCloseTo(0.1, within(1e-15));
    }
}
