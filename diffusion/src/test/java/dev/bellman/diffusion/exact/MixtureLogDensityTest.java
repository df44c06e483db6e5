package dev.bellman.diffusion.exact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.field.Derivatives;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.Jet;
import dev.bellman.data.mixture.GaussianMixture;
import dev.bellman.data.toy.ToyDistribution;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.SubVpSde;
import dev.bellman.diffusion.sde.VeSde;
import dev.bellman.diffusion.sde.VpSde;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * log p_t of a mixture under a linear SDE, in float64, against independent computations: the data
 * module's one-point log-density, score and Hessian of the pushed-forward mixture; central finite
 * differences in x and in t; and the Fokker–Planck form of ∂_t log p. Every row has its own t.
 */
class MixtureLogDensityTest {

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        List<ForwardSde> sdes = List.of(VpSde.defaults(), SubVpSde.defaults(), VeSde.withSigmaMax(4.0));
        for (ForwardSde sde : sdes) {
            out.add(Arguments.of(sde, Mixtures.anisotropic3d()));
            out.add(Arguments.of(sde, ToyDistribution.EIGHT_GAUSSIANS.mixture().orElseThrow()));
        }
        return out;
    }

    /** B rows: times spread over [ε, T] (each row its own), states around the data at that time. */
    private static double[][] rows(ForwardSde sde, GaussianMixture data, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = data.dimension();
        double[] ts = new double[count];
        double[] xs = new double[count * d];
        double[] samples = data.sampleFlat(count, rng);
        for (int i = 0; i < count; i++) {
            ts[i] = sde.epsilon() + (sde.horizon() - sde.epsilon()) * (i + 0.5) / count;
            double m = sde.meanScale(ts[i]);
            double s = sde.std(ts[i]);
            for (int j = 0; j < d; j++) {
                xs[i * d + j] = m * samples[i * d + j] + s * rng.nextGaussian() + 0.3 * rng.nextGaussian();
            }
        }
        return new double[][] {ts, xs};
    }

    @ParameterizedTest
    @MethodSource("cases")
    void valueScoreHessianEqualTheOnePointFunctionsOfThePushedForwardMixture(ForwardSde sde, GaussianMixture data) {
        MixtureLogDensity phi = new MixtureLogDensity(data, sde);
        int d = data.dimension();
        int count = 24;
        double[][] r = rows(sde, data, count, 1);
        try (NDManager m = BellmanEngine.current().newManager()) {
            NDArray t = m.create(r[0], new Shape(count, 1));
            NDArray x = m.create(r[1], new Shape(count, d));
            Jet jet = phi.jet(t, x, Derivatives.valueGradientHessian().withTime());
            double[] v = jet.value().toDoubleArray();
            double[] g = jet.gradient().toDoubleArray();
            double[] h = jet.hessian().toDoubleArray();
            for (int i = 0; i < count; i++) {
                GaussianMixture pt = phi.marginal(r[0][i]);
                double[] xi = java.util.Arrays.copyOfRange(r[1], i * d, (i + 1) * d);
                assertThat(v[i]).as("log p row %s", i).isCloseTo(pt.logDensity(xi), within(1e-10 * Math.max(1, Math.abs(v[i]))));
                double[] gs = pt.score(xi);
                double[][] hs = pt.hessian(xi);
                double scale = 1 + norm(gs);
                for (int a = 0; a < d; a++) {
                    assertThat(g[i * d + a]).as("score row %s", i).isCloseTo(gs[a], within(1e-9 * scale));
                    for (int b = 0; b < d; b++) {
                        assertThat(h[(i * d + a) * d + b]).as("Hessian row %s (%s,%s)", i, a, b)
                                .isCloseTo(hs[a][b], within(1e-8 * (1 + Math.abs(hs[a][b]) + scale * scale)));
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void scoreAndHessianMatchFiniteDifferences(ForwardSde sde, GaussianMixture data) {
        MixtureLogDensity phi = new MixtureLogDensity(data, sde);
        int d = data.dimension();
        int count = 12;
        double[][] r = rows(sde, data, count, 2);
        double eps = 1e-5;
        try (NDManager m = BellmanEngine.current().newManager()) {
            NDArray t = m.create(r[0], new Shape(count, 1));
            NDArray x = m.create(r[1], new Shape(count, d));
            double[] g = phi.gradient(t, x).toDoubleArray();
            double[] h = phi.hessian(t, x).toDoubleArray();
            double[] lap = phi.laplacian(t, x).toDoubleArray();
            for (int a = 0; a < d; a++) {
                double[] plus = r[1].clone();
                double[] minus = r[1].clone();
                for (int i = 0; i < count; i++) {
                    plus[i * d + a] += eps;
                    minus[i * d + a] -= eps;
                }
                double[] vp = phi.value(t, m.create(plus, new Shape(count, d))).toDoubleArray();
                double[] vm = phi.value(t, m.create(minus, new Shape(count, d))).toDoubleArray();
                double[] gp = phi.gradient(t, m.create(plus, new Shape(count, d))).toDoubleArray();
                double[] gm = phi.gradient(t, m.create(minus, new Shape(count, d))).toDoubleArray();
                for (int i = 0; i < count; i++) {
                    double fd = (vp[i] - vm[i]) / (2 * eps);
                    assertThat(g[i * d + a]).as("∂%s log p row %s", a, i).isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
                    for (int b = 0; b < d; b++) {
                        double fdh = (gp[i * d + b] - gm[i * d + b]) / (2 * eps);
                        assertThat(h[(i * d + b) * d + a]).as("H row %s (%s,%s)", i, b, a)
                                .isCloseTo(fdh, within(1e-5 * (1 + Math.abs(fdh))));
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                double trace = 0;
                for (int a = 0; a < d; a++) {
                    trace += h[(i * d + a) * d + a];
                }
                assertThat(lap[i]).as("Laplacian = Tr H row %s", i).isCloseTo(trace, within(1e-9 * (1 + Math.abs(trace))));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void timeDerivativeMatchesFiniteDifferencesAndTheFokkerPlanckEquation(ForwardSde sde, GaussianMixture data) {
        MixtureLogDensity phi = new MixtureLogDensity(data, sde);
        int d = data.dimension();
        int count = 16;
        double[][] r = rows(sde, data, count, 3);
        try (NDManager m = BellmanEngine.current().newManager()) {
            NDArray t = m.create(r[0], new Shape(count, 1));
            NDArray x = m.create(r[1], new Shape(count, d));
            double[] dt = phi.timeDerivative(t, x).toDoubleArray();
            double[] score = phi.gradient(t, x).toDoubleArray();
            double[] lap = phi.laplacian(t, x).toDoubleArray();
            for (int i = 0; i < count; i++) {
                double ti = r[0][i];
                double[] xi = java.util.Arrays.copyOfRange(r[1], i * d, (i + 1) * d);
                // Central difference in t of the data module's log-density of the pushed-forward mixture.
                double h = 1e-5 * Math.max(ti, 1e-2);
                double fd = (phi.marginal(ti + h).logDensity(xi) - phi.marginal(ti - h).logDensity(xi)) / (2 * h);
                assertThat(dt[i]).as("∂t log p vs FD at t=%s", ti).isCloseTo(fd, within(1e-5 * (1 + Math.abs(fd))));
                // Fokker–Planck: ∂t log p = −aD − a x·∇log p + ½g²(Δ log p + ‖∇log p‖²).
                double a = sde.driftRate(ti);
                double g2 = Math.pow(sde.diffusion(ti), 2);
                double xs = 0;
                double s2 = 0;
                for (int j = 0; j < d; j++) {
                    xs += xi[j] * score[i * d + j];
                    s2 += score[i * d + j] * score[i * d + j];
                }
                double fp = -a * d - a * xs + 0.5 * g2 * (lap[i] + s2);
                assertThat(dt[i]).as("∂t log p vs Fokker–Planck at t=%s", ti).isCloseTo(fp, within(1e-9 * (1 + Math.abs(fp))));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void exactControlIsGTimesTheScoreAndItsDivergenceMatchesFiniteDifferences(ForwardSde sde, GaussianMixture data) {
        ExactModel model = new ExactModel(sde, data);
        ExactControl u = model.control();
        int d = data.dimension();
        int count = 12;
        double[][] r = rows(sde, data, count, 4);
        double eps = 1e-5;
        try (NDManager m = BellmanEngine.current().newManager()) {
            NDArray t = m.create(r[0], new Shape(count, 1));
            NDArray x = m.create(r[1], new Shape(count, d));
            double[] val = u.value(t, x).toDoubleArray();
            double[] score = model.logDensity().gradient(t, x).toDoubleArray();
            double[] div = u.divergence(t, x, DivergenceMode.EXACT).toDoubleArray();
            double[] fdDiv = new double[count];
            for (int a = 0; a < d; a++) {
                double[] plus = r[1].clone();
                double[] minus = r[1].clone();
                for (int i = 0; i < count; i++) {
                    plus[i * d + a] += eps;
                    minus[i * d + a] -= eps;
                }
                double[] up = u.value(t, m.create(plus, new Shape(count, d))).toDoubleArray();
                double[] um = u.value(t, m.create(minus, new Shape(count, d))).toDoubleArray();
                for (int i = 0; i < count; i++) {
                    fdDiv[i] += (up[i * d + a] - um[i * d + a]) / (2 * eps);
                }
            }
            for (int i = 0; i < count; i++) {
                double g = sde.diffusion(r[0][i]);
                for (int a = 0; a < d; a++) {
                    assertThat(val[i * d + a]).isCloseTo(g * score[i * d + a], within(1e-12 * (1 + Math.abs(val[i * d + a]))));
                }
                assertThat(div[i]).as("div u* row %s", i).isCloseTo(fdDiv[i], within(1e-5 * (1 + Math.abs(fdDiv[i]))));
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
