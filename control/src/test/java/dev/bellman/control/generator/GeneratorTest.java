package dev.bellman.control.generator;

import static dev.bellman.control.TestSupport.d;
import static dev.bellman.control.TestSupport.gaussian;
import static dev.bellman.control.TestSupport.relErr;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.bellman.control.TestSupport;
import dev.bellman.control.field.Probes;
import dev.bellman.control.field.TraceMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** L^aφ for φ = −½xᵀPx under a linear SDE against the hand formula −(Px)·(Ax + Ba) − ½Tr(ΣΣᵀP). */
class GeneratorTest {
    static final int D = 3;
    static final int M = 2;
    static final int N = 2;
    static final int B = 6;
    static NDManager m;

    @BeforeAll
    static void start() {
        m = TestSupport.manager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    static double[] handFormula(double[] p, double[] a, double[] bm, double[] dm, double[] x, double[] act, boolean constant) {
        double[] out = new double[B];
        for (int s = 0; s < B; s++) {
            double scale = constant ? 1 : 1 + x[s * D] * x[s * D];
            double gen = 0;
            for (int i = 0; i < D; i++) {
                double f = 0;
                for (int j = 0; j < D; j++) {
                    f += a[i * D + j] * x[s * D + j];
                }
                for (int j = 0; j < M; j++) {
                    f += bm[i * M + j] * act[s * M + j];
                }
                double px = 0;
                for (int j = 0; j < D; j++) {
                    px += p[i * D + j] * x[s * D + j];
                }
                gen -= px * f;
            }
            // ½Tr(ΣΣᵀ(−P)) = −½ Σ_ij (ΣΣᵀ)_ij P_ji
            for (int i = 0; i < D; i++) {
                for (int j = 0; j < D; j++) {
                    double aij = 0;
                    for (int k = 0; k < N; k++) {
                        aij += scale * dm[i * N + k] * scale * dm[j * N + k];
                    }
                    gen -= 0.5 * aij * p[j * D + i];
                }
            }
            out[s] = gen;
        }
        return out;
    }

    @Test
    void matchesHandComputedFormulaInEveryTraceMode() {
        NDArray g = gaussian(m, 1, 1.0, D, D);
        NDArray p = g.matMul(g.transpose()).add(m.eye(D).toType(g.getDataType(), false));
        NDArray a = gaussian(m, 2, 1.0, D, D);
        NDArray bm = gaussian(m, 3, 1.0, D, M);
        NDArray dm = gaussian(m, 4, 0.5, D, N);
        NDArray x = gaussian(m, 5, 1.0, B, D);
        NDArray act = gaussian(m, 6, 1.0, B, M);
        NDArray t = m.zeros(new ai.djl.ndarray.types.Shape(B, 1), x.getDataType());
        QuadraticField phi = new QuadraticField(p);
        for (boolean constant : new boolean[] {true, false}) {
            LinearSde sde = new LinearSde(a, bm, dm, constant);
            double[] expected = handFormula(d(p), d(a), d(bm), d(dm), d(x), d(act), constant);
            assertThat(relErr(d(Generator.apply(phi, sde, t, x, act, TraceMode.EXACT_HESSIAN)), expected)).isLessThan(1e-12);
            assertThat(relErr(d(Generator.apply(phi, sde, t, x, act, TraceMode.EXACT_COLUMNS)), expected)).isLessThan(1e-12);
            // Hutchinson with n = 2: a mean over many independent probe sets approaches the exact value
            double[] mean = new double[B];
            int sets = 400;
            for (int r = 0; r < sets; r++) {
                double[] h = d(Generator.apply(phi, sde, t, x, act, TraceMode.hutchinson(Probes.rademacher(1, N, r))));
                for (int s = 0; s < B; s++) {
                    mean[s] += h[s] / sets;
                }
            }
            assertThat(relErr(mean, expected)).isLessThan(0.05);
        }
    }

    @Test
    void termsSplitIntoDriftAndDiffusionParts() {
        NDArray p = m.eye(D).toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
        NDArray x = gaussian(m, 7, 1.0, B, D);
        NDArray act = gaussian(m, 8, 1.0, B, M);
        NDArray t = m.zeros(new ai.djl.ndarray.types.Shape(B, 1), x.getDataType());
        LinearSde sde = new LinearSde(m.zeros(new ai.djl.ndarray.types.Shape(D, D), x.getDataType()),
                gaussian(m, 9, 1.0, D, M), gaussian(m, 10, 1.0, D, N), true);
        GeneratorTerms terms = Generator.evaluate(new QuadraticField(p), sde, t, x, act, TraceMode.EXACT_HESSIAN, true, true);
        assertThat(relErr(d(terms.generator()), d(terms.driftTerm().add(terms.diffusionTerm())))).isLessThan(1e-15);
        assertThat(d(terms.timeDerivative())).containsOnly(0.0);
        // P = I: ½Tr(DDᵀ(−I)) = −½‖D‖²_F for every state
        double fro = d(sde.dMat.square().sum())[0];
        for (double v : d(terms.diffusionTerm())) {
            assertThat(v).isCloseTo(-0.5 * fro, org.assertj.core.data.Offset.offset(1e-12));
        }
    }
}
