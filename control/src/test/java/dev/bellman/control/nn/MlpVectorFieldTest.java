package dev.bellman.control.nn;

import static dev.bellman.control.TestSupport.d;
import static dev.bellman.control.TestSupport.gaussian;
import static dev.bellman.control.TestSupport.relErr;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.TestSupport;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.Probes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Divergence of an MLP vector field: exact against central differences, Hutchinson unbiased. */
class MlpVectorFieldTest {
    static final int D = 3;
    static final int B = 5;
    static NDManager m;
    static MlpVectorField v;

    @BeforeAll
    static void start() {
        m = TestSupport.manager();
        v = new MlpVectorField(new Mlp(MlpConfig.of(D + 1, List.of(16, 16), D, Precision.FLOAT64, 5)
                .withActivation(Activation.SILU).withInit(Init.HE), m), D, true);
    }

    @AfterAll
    static void stop() {
        v.mlp().close();
        m.close();
    }

    @Test
    void exactDivergenceMatchesCentralDifferences() {
        NDArray t = gaussian(m, 1, 0.5, B, 1);
        NDArray x = gaussian(m, 2, 1.0, B, D);
        double[] xv = d(x);
        double h = 1e-5;
        double[] fd = new double[B];
        for (int i = 0; i < D; i++) {
            double[] xp = xv.clone();
            double[] xm = xv.clone();
            for (int b = 0; b < B; b++) {
                xp[b * D + i] += h;
                xm[b * D + i] -= h;
            }
            double[] vp = d(v.value(t, m.create(xp, new Shape(B, D))));
            double[] vm = d(v.value(t, m.create(xm, new Shape(B, D))));
            for (int b = 0; b < B; b++) {
                fd[b] += (vp[b * D + i] - vm[b * D + i]) / (2 * h);
            }
        }
        assertThat(relErr(d(v.divergence(t, x, DivergenceMode.EXACT)), fd)).isLessThan(1e-6);
    }

    @Test
    void hutchinsonDivergenceIsUnbiased() {
        NDArray t = gaussian(m, 3, 0.5, B, 1);
        NDArray x = gaussian(m, 4, 1.0, B, D);
        double[] exact = d(v.divergence(t, x, DivergenceMode.EXACT));
        int sets = 300;
        double[] sum = new double[B];
        double[] sumSq = new double[B];
        for (int r = 0; r < sets; r++) {
            double[] est = d(v.divergence(t, x, DivergenceMode.hutchinson(Probes.rademacher(1, D, r))));
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
}
