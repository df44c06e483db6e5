package dev.bellman.diffusion.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.control.nn.Parameter;
import dev.bellman.diffusion.sde.VpSde;
import dev.bellman.diffusion.train.IntraOpThreads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** u_θ = −g(t)/s(t) · ε_θ: against the VP closed forms written out here, and its divergence against finite differences. */
class NoisePredictionNetworkTest {
    static NDManager m;
    static IntraOpThreads oneThread;

    @BeforeAll
    static void start() {
        m = BellmanEngine.current().newManager();
        oneThread = IntraOpThreads.atMost(1);
    }

    @AfterAll
    static void stop() {
        oneThread.close();
        m.close();
    }

    static NDArray states(int batch, int d, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double[] x = new double[batch * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        return m.create(x, new Shape(batch, d));
    }

    /** g(t)/s(t) of the default VP SDE from DESIGN.md §1.4, computed by hand (not through VpSde). */
    static double factor(double t) {
        double beta = 0.1 + t * (20 - 0.1);
        double mean = Math.exp(-0.25 * t * t * (20 - 0.1) - 0.5 * t * 0.1);
        return Math.sqrt(beta) / Math.sqrt(1 - mean * mean);
    }

    @Test
    void valueIsMinusGOverSTimesTheNoisePredictionAndKeepsItsParameters() {
        try (ControlNet inner = ControlNetTest.randomNet(m, 3, 5); GradMode off = GradMode.disabled()) {
            NoisePredictionNetwork u = new NoisePredictionNetwork(inner, VpSde.defaults());
            NDArray t = m.create(new double[] {0.001, 0.02, 0.5, 1.0}, new Shape(4, 1));
            NDArray x = states(4, 3, 9);
            double[] eps = inner.value(t, x).toDoubleArray();
            double[] got = u.value(t, x).toDoubleArray();
            double[] ts = t.toDoubleArray();
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    assertThat(got[3 * i + j]).isCloseTo(-factor(ts[i]) * eps[3 * i + j], within(1e-12 * (1 + Math.abs(got[3 * i + j]))));
                }
            }
            // The factor is large near t = ε: the reason for this parameterisation.
            assertThat(factor(0.001)).isBetween(30.0, 40.0);
            assertThat(u.parameters()).isEqualTo(inner.parameters());
            assertThat(u.spec()).isEqualTo(inner.spec());
            assertThat(u.dim()).isEqualTo(3);
            // One time row for the whole batch gives each row's value at that time.
            NDArray one = m.create(new double[] {0.3}, new Shape(1, 1));
            NDArray rows = m.create(new double[] {0.3, 0.3, 0.3, 0.3}, new Shape(4, 1));
            assertThat(u.value(one, x).toDoubleArray()).containsExactly(u.value(rows, x).toDoubleArray(), within(1e-12));
        }
    }

    /** A float32 noise MLP keeps the host kernels when frozen, and its host form is the same control. */
    @Test
    void frozenAndHostFormsScaleTheInnerNetworksForms() {
        ControlNet inner = ControlNetConfig.defaults(2, Precision.FLOAT32, 3).build(m);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(21);
        try (GradMode off = GradMode.disabled()) {
            for (Parameter p : inner.parameters()) {
                float[] v = new float[(int) p.array().size()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = (float) (0.2 * rng.nextGaussian());
                }
                p.array().set(v);
            }
            NoisePredictionNetwork u = new NoisePredictionNetwork(inner, VpSde.defaults());
            VectorField frozen = u.frozen();
            assertThat(frozen).isNotSameAs(u);
            double[] x = states(5, 2, 2).toDoubleArray();
            NDArray x32 = m.create(x, new Shape(5, 2)).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            for (double time : new double[] {0.001, 0.3, 1.0}) {
                NDArray t = m.create(new float[] {(float) time}, new Shape(1, 1));
                NDArray rows = t.repeat(0, 5);
                double[] direct = u.value(rows, x32).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
                double[] viaFrozen = frozen.value(t, x32).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
                double[] host = new double[10];
                frozen.onHost().orElseThrow().at((float) time).value(x, host, 0, 5);
                // Host kernels vs libtorch in float32 (features sin(2πWt) rounded differently): as ControlNetTest.
                assertThat(ControlNetTest.relativeL2(viaFrozen, direct)).as("t = %s", time).isLessThan(5e-5);
                // The float64 host form is the frozen float32 value, scaled in float64 rather than float32.
                for (int i = 0; i < 10; i++) {
                    assertThat(host[i]).isCloseTo(viaFrozen[i], within(1e-6 * (1 + Math.abs(viaFrozen[i]))));
                }
            }
        } finally {
            inner.close();
        }
    }

    @Test
    void exactDivergenceMatchesCentralFiniteDifferencesOfTheValue() {
        try (ControlNet inner = ControlNetTest.randomNet(m, 2, 8); GradMode off = GradMode.disabled()) {
            NoisePredictionNetwork u = new NoisePredictionNetwork(inner, VpSde.defaults());
            NDArray t = m.create(new double[] {0.01, 0.4, 0.9}, new Shape(3, 1));
            double[] x = states(3, 2, 4).toDoubleArray();
            double[] div = u.divergence(t, m.create(x, new Shape(3, 2)), DivergenceMode.EXACT).toDoubleArray();
            double h = 1e-5;
            for (int i = 0; i < 3; i++) {
                double fd = 0;
                for (int j = 0; j < 2; j++) {
                    double[] plus = x.clone();
                    double[] minus = x.clone();
                    plus[2 * i + j] += h;
                    minus[2 * i + j] -= h;
                    double up = u.value(t, m.create(plus, new Shape(3, 2))).toDoubleArray()[2 * i + j];
                    double down = u.value(t, m.create(minus, new Shape(3, 2))).toDoubleArray()[2 * i + j];
                    fd += (up - down) / (2 * h);
                }
                assertThat(div[i]).isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
            }
        }
    }
}
