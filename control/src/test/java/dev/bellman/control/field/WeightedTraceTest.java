package dev.bellman.control.field;

import static dev.bellman.control.TestSupport.d;
import static dev.bellman.control.TestSupport.gaussian;
import static dev.bellman.control.TestSupport.relErr;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.bellman.control.TestSupport;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.MlpScalarField;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tr(ΣΣᵀ∇²φ) for an MLP field: exact columns equals the full-Hessian trace; Hutchinson is unbiased. */
class WeightedTraceTest {
    static final int D = 4;
    static final int N = 3;
    static final int B = 7;
    static NDManager m;
    static MlpScalarField phi;

    @BeforeAll
    static void start() {
        m = TestSupport.manager();
        phi = new MlpScalarField(new Mlp(MlpConfig.of(D + 1, List.of(16, 16), 1, Precision.FLOAT64, 3), m), D, true);
    }

    @AfterAll
    static void stop() {
        phi.mlp().close();
        m.close();
    }

    @Test
    void exactColumnsEqualsTraceFromFullHessian() {
        NDArray t = gaussian(m, 1, 0.3, B, 1);
        NDArray x = gaussian(m, 2, 1.0, B, D);
        for (NDArray sigma : new NDArray[] {gaussian(m, 3, 0.7, B, D, N), gaussian(m, 4, 0.7, D, N)}) {
            NDArray h = phi.hessian(t, x);
            // Tr(ΣΣᵀH) by plain loops
            double[] hv = d(h);
            double[] sv = d(sigma);
            boolean perState = sigma.getShape().dimension() == 3;
            double[] expected = new double[B];
            for (int b = 0; b < B; b++) {
                int off = perState ? b * D * N : 0;
                for (int i = 0; i < D; i++) {
                    for (int j = 0; j < D; j++) {
                        double aij = 0;
                        for (int k = 0; k < N; k++) {
                            aij += sv[off + i * N + k] * sv[off + j * N + k];
                        }
                        expected[b] += aij * hv[b * D * D + j * D + i];
                    }
                }
            }
            assertThat(relErr(d(WeightedTrace.fromHessian(h, sigma)), expected)).isLessThan(1e-12);
            assertThat(relErr(d(phi.weightedTrace(t, x, sigma, TraceMode.EXACT_COLUMNS)), expected)).isLessThan(1e-12);
            assertThat(relErr(d(phi.weightedTrace(t, x, sigma, TraceMode.EXACT_HESSIAN)), expected)).isLessThan(1e-12);
        }
    }

    @Test
    void hutchinsonIsUnbiased() {
        NDArray t = gaussian(m, 5, 0.3, B, 1);
        NDArray x = gaussian(m, 6, 1.0, B, D);
        NDArray sigma = gaussian(m, 7, 0.7, B, D, N);
        double[] exact = d(phi.weightedTrace(t, x, sigma, TraceMode.EXACT_COLUMNS));
        int sets = 300;
        double[] sum = new double[B];
        double[] sumSq = new double[B];
        for (int r = 0; r < sets; r++) {
            double[] est = d(phi.weightedTrace(t, x, sigma, TraceMode.hutchinson(Probes.rademacher(2, N, 1000 + r))));
            for (int b = 0; b < B; b++) {
                sum[b] += est[b];
                sumSq[b] += est[b] * est[b];
            }
        }
        for (int b = 0; b < B; b++) {
            double mean = sum[b] / sets;
            double se = Math.sqrt(Math.max(sumSq[b] / sets - mean * mean, 0) / sets);
            assertThat(Math.abs(mean - exact[b])).as("state %d", b).isLessThanOrEqualTo(4 * se + 1e-12);
        }
    }

    @Test
    void probesAreFixedBySeed() {
        assertThat(Probes.rademacher(5, 3, 9).values()).containsExactly(Probes.rademacher(5, 3, 9).values());
        assertThat(Probes.rademacher(5, 3, 9).values()).containsOnly(-1.0, 1.0);
    }
}
