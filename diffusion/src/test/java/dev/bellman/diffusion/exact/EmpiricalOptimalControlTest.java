package dev.bellman.diffusion.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.VeSde;
import dev.bellman.diffusion.sde.VpSde;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The empirical-optimal control against an independent computation: the pushed-forward point
 * masses are the isotropic mixture (1/N) Σ N(m x_i, s² I), evaluated one point at a time by the data
 * module; chunking (uneven chunk sizes, several chunks) must not change anything; the divergence
 * matches finite differences.
 */
class EmpiricalOptimalControlTest {

    static List<ForwardSde> sdes() {
        return List.of(VpSde.defaults(), VeSde.withSigmaMax(4.0));
    }

    @ParameterizedTest
    @MethodSource("sdes")
    void matchesTheIsotropicMixtureOfPushedForwardPointsWhateverTheChunking(ForwardSde sde) {
        int n = 37;
        int d = 3;
        SplittableRandom rng = new SplittableRandom(5);
        double[] pts = new double[n * d];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = rng.nextGaussian();
        }
        int count = 9;
        double[] ts = new double[count];
        double[] xs = new double[count * d];
        for (int i = 0; i < count; i++) {
            ts[i] = 0.02 + 0.97 * i / (count - 1);
            for (int j = 0; j < d; j++) {
                xs[i * d + j] = 1.2 * rng.nextGaussian();
            }
        }
        double eps = 1e-5;
        try (NDManager m = BellmanEngine.current().newManager();
                EmpiricalOptimalControl chunked = new EmpiricalOptimalControl(sde, pts, d, 7L * count);
                EmpiricalOptimalControl whole = new EmpiricalOptimalControl(sde, pts, d)) {
            NDArray t = m.create(ts, new Shape(count, 1));
            NDArray x = m.create(xs, new Shape(count, d));
            EmpiricalOptimalControl.Evaluation e = chunked.evaluate(t, x);
            EmpiricalOptimalControl.Evaluation w = whole.evaluate(t, x);
            double[] lp = e.logDensity().toDoubleArray();
            double[] sc = e.score().toDoubleArray();
            double[] u = e.control().toDoubleArray();
            double[] div = e.divergence().toDoubleArray();
            assertThat(w.logDensity().toDoubleArray()).containsExactly(lp, within(1e-10));
            assertThat(w.divergence().toDoubleArray()).containsExactly(div, within(1e-8));
            for (int i = 0; i < count; i++) {
                double mt = sde.meanScale(ts[i]);
                double[][] means = new double[n][d];
                for (int p = 0; p < n; p++) {
                    for (int j = 0; j < d; j++) {
                        means[p][j] = mt * pts[p * d + j];
                    }
                }
                GaussianMixture pt = GaussianMixture.isotropic(means, sde.std(ts[i]));
                double[] xi = Arrays.copyOfRange(xs, i * d, (i + 1) * d);
                assertThat(lp[i]).isCloseTo(pt.logDensity(xi), within(1e-9 * (1 + Math.abs(lp[i]))));
                double[] s = pt.score(xi);
                double[][] h = pt.hessian(xi);
                double trace = 0;
                double g = sde.diffusion(ts[i]);
                for (int j = 0; j < d; j++) {
                    assertThat(sc[i * d + j]).isCloseTo(s[j], within(1e-8 * (1 + Math.abs(s[j]))));
                    assertThat(u[i * d + j]).isCloseTo(g * s[j], within(1e-8 * (1 + Math.abs(g * s[j]))));
                    trace += h[j][j];
                }
                assertThat(div[i]).as("div at t=%s", ts[i]).isCloseTo(g * trace, within(1e-7 * (1 + Math.abs(g * trace))));
            }
            // divergence by finite differences of the chunked control
            double[] fd = new double[count];
            for (int j = 0; j < d; j++) {
                double[] plus = xs.clone();
                double[] minus = xs.clone();
                for (int i = 0; i < count; i++) {
                    plus[i * d + j] += eps;
                    minus[i * d + j] -= eps;
                }
                double[] up = chunked.value(t, m.create(plus, new Shape(count, d))).toDoubleArray();
                double[] um = chunked.value(t, m.create(minus, new Shape(count, d))).toDoubleArray();
                for (int i = 0; i < count; i++) {
                    fd[i] += (up[i * d + j] - um[i * d + j]) / (2 * eps);
                }
            }
            double[] div2 = chunked.divergence(t, x, DivergenceMode.EXACT).toDoubleArray();
            for (int i = 0; i < count; i++) {
                assertThat(div2[i]).isCloseTo(fd[i], within(1e-5 * (1 + Math.abs(fd[i]))));
            }
        }
    }

    @Test
    void tenThousandPointsInManyChunksGiveFiniteControlsAndTheCacheSurvivesTheCallersScope() {
        int n = 10_000;
        int d = 2;
        SplittableRandom rng = new SplittableRandom(6);
        double[] pts = new double[n * d];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = rng.nextGaussian();
        }
        ForwardSde sde = VpSde.defaults();
        try (NDManager m = BellmanEngine.current().newManager();
                EmpiricalOptimalControl u = new EmpiricalOptimalControl(sde, pts, d, 1L << 16)) {
            NDArray x = m.randomNormal(0, 1, new Shape(300, d), ai.djl.ndarray.types.DataType.FLOAT64);
            NDArray t = m.ones(new Shape(300, 1), ai.djl.ndarray.types.DataType.FLOAT64).mul(0.5);
            double[] first;
            try (Scope s = Scope.open()) {
                first = u.value(t, x).toDoubleArray();
            }
            // The cached point chunks must survive the scope above.
            double[] second = u.value(t, x).toDoubleArray();
            assertThat(second).containsExactly(first, within(0.0));
            for (double v : second) {
                assertThat(Double.isFinite(v)).isTrue();
            }
        }
    }
}
