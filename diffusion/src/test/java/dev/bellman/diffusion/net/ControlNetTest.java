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
import dev.bellman.control.field.Probes;
import dev.bellman.control.nn.Parameter;
import dev.bellman.diffusion.sde.VpSde;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The vector control net: its fast value path, its exact and Hutchinson divergences, the parameterisations. */
class ControlNetTest {
    static NDManager m;
    /** One intra-op thread: BellmanEngine.current() starts with all cores, and 2 threads stall on a loaded machine. */
    static dev.bellman.diffusion.train.IntraOpThreads oneThread;

    @BeforeAll
    static void start() {
        m = BellmanEngine.current().newManager();
        oneThread = dev.bellman.diffusion.train.IntraOpThreads.atMost(1);
    }

    @AfterAll
    static void stop() {
        oneThread.close();
        m.close();
    }

    /** A float64 net with every layer random (the zero output layer would make every test trivial). */
    static ControlNet randomNet(int d, long seed) {
        return randomNet(m, d, seed);
    }

    /** As {@link #randomNet(int, long)}, in {@code manager}. */
    static ControlNet randomNet(NDManager manager, int d, long seed) {
        ControlNet net = ControlNetConfig.defaults(d, Precision.FLOAT64, seed).withHidden(List.of(32, 32)).build(manager);
        SplittableRandom rng = new SplittableRandom(seed + 7);
        try (GradMode off = GradMode.disabled()) {
            for (Parameter p : net.parameters()) {
                double[] v = new double[(int) p.array().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.3 * rng.nextGaussian();
                }
                p.array().set(v);
            }
        }
        return net;
    }

    static NDArray states(long batch, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[(int) batch * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        return m.create(x, new Shape(batch, d));
    }

    static NDArray times(long batch, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] t = new double[(int) batch];
        for (int i = 0; i < t.length; i++) {
            t[i] = 0.001 + 0.999 * rng.nextDouble();
        }
        return m.create(t, new Shape(batch, 1));
    }

    @Test
    void valueIsTheMlpOnXAndSineThenCosineFeaturesOfT() {
        ControlNet net = randomNet(2, 3);
        NDArray x = states(5, 2, 1);
        NDArray t = times(5, 2);
        double[] u = net.value(t, x).toDoubleArray();
        // The same network fed an input assembled on the Java side from FourierFeatures.at(t).
        double[] xs = x.toDoubleArray();
        double[] ts = t.toDoubleArray();
        int p = 2 + 16;
        double[] in = new double[5 * p];
        for (int b = 0; b < 5; b++) {
            in[b * p] = xs[2 * b];
            in[b * p + 1] = xs[2 * b + 1];
            System.arraycopy(net.features().at(ts[b]), 0, in, b * p + 2, 16);
        }
        double[] expected = net.mlp().forward(m.create(in, new Shape(5, p))).toDoubleArray();
        for (int i = 0; i < u.length; i++) {
            assertThat(u[i]).isCloseTo(expected[i], within(1e-12));
        }
        net.close();
    }

    @Test
    void oneSharedTimeRowGivesTheSameValuesAndDivergenceAsThatTimeInEveryRow() {
        ControlNet net = randomNet(3, 5);
        NDArray x = states(7, 3, 4);
        double tf = 0.37;
        NDArray shared = m.create(new double[] {tf}, new Shape(1, 1));
        NDArray perRow = m.create(java.util.stream.DoubleStream.generate(() -> tf).limit(7).toArray(), new Shape(7, 1));
        assertThat(net.broadcastsTime()).isTrue();
        double[] a = net.value(shared, x).toDoubleArray();
        double[] b = net.value(perRow, x).toDoubleArray();
        assertThat(a).hasSize(21);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-12));
        }
        double[] da = net.divergence(shared, x, dev.bellman.control.field.DivergenceMode.EXACT).toDoubleArray();
        double[] db = net.divergence(perRow, x, dev.bellman.control.field.DivergenceMode.EXACT).toDoubleArray();
        for (int i = 0; i < da.length; i++) {
            assertThat(da[i]).isCloseTo(db[i], within(1e-12));
        }
        // A time batch that is neither one row nor the batch is refused.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> net.value(m.zeros(new Shape(2, 1), x.getDataType()), x))
                .isInstanceOf(IllegalArgumentException.class);
        net.close();
    }

    @Test
    void frozenFloat32NetRunsOnTheHostKernelsWithTheSameValues() {
        assertThat(dev.bellman.control.nn.host.HostKernels.available())
                .as("the test JVM starts with --add-modules jdk.incubator.vector: %s",
                        dev.bellman.control.nn.host.HostKernels.status()).isTrue();
        // The default 3 × 128 SiLU net in float32 and a float64 twin with the same (float32) weights.
        ControlNet net32 = ControlNetConfig.defaults(2, Precision.FLOAT32, 9).build(m);
        ControlNet net64 = ControlNetConfig.defaults(2, Precision.FLOAT64, 9).build(m);
        SplittableRandom rng = new SplittableRandom(17);
        try (GradMode off = GradMode.disabled()) {
            for (int i = 0; i < net32.parameters().size(); i++) {
                NDArray a = net32.parameters().get(i).array();
                float[] v = new float[(int) a.size()];
                double[] w = new double[v.length];
                for (int j = 0; j < v.length; j++) {
                    v[j] = (float) (0.2 * rng.nextGaussian());
                    w[j] = v[j];
                }
                a.set(v);
                net64.parameters().get(i).array().set(w);
            }
            dev.bellman.control.field.VectorField frozen = net32.frozen();
            assertThat(frozen).isNotSameAs(net32);
            assertThat(frozen.broadcastsTime()).isTrue();
            int rows = 1000;
            NDArray x64 = states(rows, 2, 8).mul(2.0);
            NDArray x32 = x64.toType(ai.djl.ndarray.types.DataType.FLOAT32, true);
            for (double tf : new double[] {1.0, 0.37, 1e-3}) {
                float tfloat = (float) tf;
                NDArray t32 = m.full(new Shape(1, 1), tfloat, ai.djl.ndarray.types.DataType.FLOAT32);
                NDArray t64 = m.create(new double[] {tfloat}, new Shape(1, 1));
                double[] host = frozen.value(t32, x32).toType(ai.djl.ndarray.types.DataType.FLOAT64, true).toDoubleArray();
                double[] exact = net64.value(t64, x64.toType(ai.djl.ndarray.types.DataType.FLOAT32, true)
                        .toType(ai.djl.ndarray.types.DataType.FLOAT64, true)).toDoubleArray();
                assertThat(relativeL2(host, exact)).as("t = %s", tf).isLessThan(5e-6);
            }
            // The float64 host form: rows rounded to float32, the same kernels, in any row range.
            dev.bellman.control.field.HostVectorField onHost = frozen.onHost().orElseThrow();
            double[] xs = x32.toType(ai.djl.ndarray.types.DataType.FLOAT64, true).toDoubleArray();
            double[] viaHost = new double[xs.length];
            dev.bellman.control.field.HostVectorField.Slice slice = onHost.at(0.37);
            slice.value(xs, viaHost, 0, 300);
            slice.value(xs, viaHost, 300, rows);
            float[] viaValue = frozen.value(m.create(new double[] {0.37}, new Shape(1, 1)), x32).toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                assertThat(viaHost[i]).isEqualTo((double) viaValue[i]);
            }
            // Per-row times and the divergence go to the live network.
            NDArray perRow = m.full(new Shape(rows, 1), 0.5f, ai.djl.ndarray.types.DataType.FLOAT32);
            assertThat(frozen.value(perRow, x32).toFloatArray()).containsExactly(net32.value(perRow, x32).toFloatArray());
        }
        assertThat(net64.frozen()).as("float64 nets keep the DJL path").isSameAs(net64);
        net32.close();
        net64.close();
    }

    /** ‖a − b‖₂ / ‖b‖₂. */
    static double relativeL2(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void fourierFrequenciesAreFixedBySeedWithScaleSixteen() {
        FourierFeatures a = FourierFeatures.gaussian(16, 16.0, 5);
        assertThat(a.frequencies()).containsExactly(FourierFeatures.gaussian(16, 16.0, 5).frequencies());
        assertThat(a.frequencies()).isNotEqualTo(FourierFeatures.gaussian(16, 16.0, 6).frequencies());
        double[] many = FourierFeatures.gaussian(20_000, 16.0, 1).frequencies();
        double sq = 0;
        for (double w : many) {
            sq += w * w;
        }
        // std of N(0, 16²) from 10,000 draws: within 3 standard errors (16/√(2·10⁴) ≈ 0.11).
        assertThat(Math.sqrt(sq / many.length)).isCloseTo(16.0, within(0.35));
    }

    @Test
    void exactDivergenceMatchesCentralFiniteDifferences() {
        for (int d : new int[] {1, 2, 3}) {
            ControlNet net = randomNet(d, 11 + d);
            NDArray x = states(4, d, 5);
            NDArray t = times(4, 6);
            double[] div = net.divergence(t, x, DivergenceMode.EXACT).toDoubleArray();
            double h = 1e-5;
            double[] fd = new double[4];
            for (int i = 0; i < d; i++) {
                double[] e = new double[d];
                e[i] = h;
                NDArray shift = m.create(e, new Shape(1, d));
                double[] up = net.value(t, x.add(shift)).toDoubleArray();
                double[] down = net.value(t, x.sub(shift)).toDoubleArray();
                for (int b = 0; b < 4; b++) {
                    fd[b] += (up[b * d + i] - down[b * d + i]) / (2 * h);
                }
            }
            for (int b = 0; b < 4; b++) {
                assertThat(div[b]).as("d=%d row %d", d, b).isCloseTo(fd[b], within(1e-7 * (1 + Math.abs(fd[b]))));
            }
            net.close();
        }
    }

    @Test
    void hutchinsonIsExactWithABasisOfProbesAndUnbiasedWithManyRandomOnes() {
        ControlNet net = randomNet(2, 21);
        NDArray x = states(6, 2, 8);
        NDArray t = times(6, 9);
        double[] exact = net.divergence(t, x, DivergenceMode.EXACT).toDoubleArray();
        // (1, 1) and (1, −1): the mean of vᵀJv is (J₁₁ + J₂₂) exactly.
        Probes basis = new Probes(2, 2, 0, new double[] {1, 1, 1, -1});
        double[] hb = net.divergence(t, x, DivergenceMode.hutchinson(basis)).toDoubleArray();
        for (int b = 0; b < 6; b++) {
            assertThat(hb[b]).isCloseTo(exact[b], within(1e-12));
        }
        double[] hr = net.divergence(t, x, DivergenceMode.hutchinson(Probes.rademacher(4000, 2, 3))).toDoubleArray();
        for (int b = 0; b < 6; b++) {
            // error of a mean of ±(J₁₂ + J₂₁) over 4,000 probes: ≤ 4|J₁₂ + J₂₁|/√4000; loose but able to fail
            assertThat(hr[b]).isCloseTo(exact[b], within(0.1 * (1 + Math.abs(exact[b]))));
        }
        net.close();
    }

    @Test
    void parameterisationsRoundTripAndMatchTheirDefinitions() {
        VpSde sde = VpSde.defaults();
        Parameterisation par = new Parameterisation(sde);
        NDArray t = times(3, 1);
        NDArray u = states(3, 2, 2);
        double[] ts = t.toDoubleArray();
        double[] us = u.toDoubleArray();
        double[] s = par.scoreFromControl(u, t).toDoubleArray();
        double[] eps = par.noiseFromControl(u, t).toDoubleArray();
        for (int b = 0; b < 3; b++) {
            double g = sde.diffusion(ts[b]);
            double std = sde.std(ts[b]);
            for (int j = 0; j < 2; j++) {
                assertThat(s[2 * b + j]).isCloseTo(us[2 * b + j] / g, within(1e-12));
                assertThat(eps[2 * b + j]).isCloseTo(-std * s[2 * b + j], within(1e-12));
            }
        }
        assertThat(par.controlFromScore(par.scoreFromControl(u, t), t).toDoubleArray()).containsExactly(us, within(1e-12));
        assertThat(par.controlFromNoise(par.noiseFromControl(u, t), t).toDoubleArray()).containsExactly(us, within(1e-12));
    }
}
