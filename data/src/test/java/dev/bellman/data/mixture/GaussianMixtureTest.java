package dev.bellman.data.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bellman.data.DataException;
import dev.bellman.data.HostArrays;
import dev.bellman.data.TestSupport;
import dev.bellman.data.toy.ToyDistribution;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    /** Three overlapping components with correlated covariances and unequal weights. */
    static GaussianMixture skewed2d() {
        return new GaussianMixture(new double[] {0.2, 0.5, 0.3},
                new double[][] {{-1.0, 0.5}, {0.8, -0.3}, {0.0, 1.2}},
                new double[][][] {
                    {{0.5, 0.2}, {0.2, 0.3}},
                    {{0.2, -0.1}, {-0.1, 0.4}},
                    {{1.0, 0.6}, {0.6, 0.9}}});
    }

    static GaussianMixture full3d() {
        return new GaussianMixture(new double[] {1, 3},
                new double[][] {{0.1, -0.2, 0.3}, {-0.5, 0.4, 0.0}},
                new double[][][] {
                    {{1.0, 0.3, 0.1}, {0.3, 0.8, -0.2}, {0.1, -0.2, 0.5}},
                    {{0.4, 0.0, 0.1}, {0.0, 0.6, 0.2}, {0.1, 0.2, 0.7}}});
    }

    @Test
    void densityIntegratesToOneOnAGrid() {
        GaussianMixture g = skewed2d();
        int n = 400;
        double lo = -7;
        double hi = 7;
        double h = (hi - lo) / n;
        double mass = 0;
        // Midpoint rule: the density is smooth and negligible at the border (≥ 5 standard deviations).
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mass += Math.exp(g.logDensity(new double[] {lo + (i + 0.5) * h, lo + (j + 0.5) * h}));
            }
        }
        assertThat(mass * h * h).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void scoreMatchesCentralDifferencesOfLogDensity() {
        for (GaussianMixture g : new GaussianMixture[] {skewed2d(), full3d()}) {
            SplittableRandom rng = new SplittableRandom(3);
            for (int trial = 0; trial < 20; trial++) {
                double[] x = new double[g.dimension()];
                for (int r = 0; r < x.length; r++) {
                    x[r] = 3 * (rng.nextDouble() - 0.5);
                }
                double[] score = g.score(x);
                double[][] hess = g.hessian(x);
                double eps = 1e-5;
                for (int r = 0; r < x.length; r++) {
                    double[] xp = x.clone();
                    double[] xm = x.clone();
                    xp[r] += eps;
                    xm[r] -= eps;
                    double fd = (g.logDensity(xp) - g.logDensity(xm)) / (2 * eps);
                    assertThat(score[r]).isCloseTo(fd, within(1e-6 * (1 + Math.abs(fd))));
                    double[] sp = g.score(xp);
                    double[] sm = g.score(xm);
                    for (int c = 0; c < x.length; c++) {
                        double fdh = (sp[c] - sm[c]) / (2 * eps);
                        assertThat(hess[c][r]).isCloseTo(fdh, within(1e-5 * (1 + Math.abs(fdh))));
                    }
                }
            }
        }
    }

    @Test
    void batchedEvaluationMatchesPointwiseInBothPrecisions() {
        GaussianMixture g = full3d();
        SplittableRandom rng = new SplittableRandom(5);
        int b = 64;
        double[] x = new double[b * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = 4 * (rng.nextDouble() - 0.5);
        }
        try (NDManager manager = TestSupport.manager()) {
            for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                double tol = type == DataType.FLOAT64 ? 1e-10 : 2e-4;
                NDArray xs = HostArrays.toNDArray(manager, x, new Shape(b, 3), type);
                try (GaussianMixture.Evaluation e = g.evaluate(xs, true)) {
                    assertThat(e.logDensity().getShape()).isEqualTo(new Shape(b, 1));
                    assertThat(e.score().getShape()).isEqualTo(new Shape(b, 3));
                    assertThat(e.logDensity().getDataType()).isEqualTo(type);
                    double[] lp = HostArrays.toDoubles(e.logDensity());
                    double[] sc = HostArrays.toDoubles(e.score());
                    for (int i = 0; i < b; i++) {
                        double[] xi = java.util.Arrays.copyOfRange(x, 3 * i, 3 * i + 3);
                        double[] s = g.score(xi);
                        assertThat(lp[i]).isCloseTo(g.logDensity(xi), within(tol * (1 + Math.abs(lp[i]))));
                        for (int r = 0; r < 3; r++) {
                            assertThat(sc[3 * i + r]).isCloseTo(s[r], within(tol * (1 + Math.abs(s[r]))));
                        }
                    }
                }
            }
        }
    }

    @Test
    void evaluationLeavesNothingBehindInTheInputsManager() {
        GaussianMixture g = skewed2d();
        try (NDManager manager = TestSupport.manager()) {
            NDArray x = manager.create(new double[] {0.1, 0.2, -0.3, 0.4}, new Shape(2, 2));
            int before = manager.getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                g.evaluate(x, true).close();
                g.logDensity(x).close();
                g.score(x).close();
            }
            // Intermediates live in a closed sub-manager; only the closed results passed through here.
            assertThat(manager.getManagedArrays().size()).isEqualTo(before);
        }
    }

    @Test
    void farPointsStayFiniteInFloat32() {
        GaussianMixture g = ToyDistribution.TWENTY_FIVE_GAUSSIANS.mixture().orElseThrow();
        try (NDManager manager = TestSupport.manager()) {
            NDArray x = manager.create(new float[] {100f, -100f, 3f, 3f, 0.7f, 0.7f}, new Shape(3, 2));
            try (GaussianMixture.Evaluation e = g.evaluate(x, true)) {
                double[] lp = HostArrays.toDoubles(e.logDensity());
                double[] sc = HostArrays.toDoubles(e.score());
                for (int i = 0; i < 3; i++) {
                    assertThat(lp[i]).isFinite().isCloseTo(g.logDensity(new double[] {x.getFloat(i, 0), x.getFloat(i, 1)}),
                            within(1e-4 * Math.abs(lp[i])));
                }
                for (double v : sc) {
                    assertThat(v).isFinite();
                }
                // Far away the score points back to the nearest centre, (1.414, −1.414): C⁻¹(μ − x).
                double var = Math.pow(0.05 / 2.828, 2);
                assertThat(sc[0]).isCloseTo((4 / 2.828 - 100) / var, within(1e-3 * 100 / var));
            }
        }
    }

    @Test
    void sampleMomentsMatchTheParameters() {
        GaussianMixture g = full3d();
        int n = 100_000;
        double[] x = g.sampleFlat(n, new SplittableRandom(11));
        double[] mu = g.mean();
        double[][] cov = g.covariance();
        for (int r = 0; r < 3; r++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += x[3 * i + r];
            }
            m /= n;
            assertThat(m).isCloseTo(mu[r], within(5 * Math.sqrt(cov[r][r] / n)));
            for (int c = 0; c <= r; c++) {
                double s = 0;
                double s2 = 0;
                for (int i = 0; i < n; i++) {
                    double p = (x[3 * i + r] - mu[r]) * (x[3 * i + c] - mu[c]);
                    s += p;
                    s2 += p * p;
                }
                double mean = s / n;
                double se = Math.sqrt((s2 / n - mean * mean) / n);
                assertThat(mean).isCloseTo(cov[r][c], within(5 * se));
            }
        }
    }

    @Test
    void pushForwardOfEightGaussiansMatchesReferenceVpMarginals() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(
                TestSupport.shared().resolve("reference/values.json").toFile()).get("gmm_8gaussians_vp_marginals");
        assertThat(ref).as("values.json key gmm_8gaussians_vp_marginals").isNotNull();
        GaussianMixture data = ToyDistribution.EIGHT_GAUSSIANS.mixture().orElseThrow();
        double betaMin = 0.1;
        double betaMax = 20;
        int checked = 0;
        try (NDManager manager = TestSupport.manager()) {
            for (JsonNode p : ref.get("points")) {
                double t = p.get("t").asDouble();
                double m = Math.exp(-0.25 * t * t * (betaMax - betaMin) - 0.5 * t * betaMin);
                GaussianMixture pt = data.pushForward(m, 1 - m * m);
                double[] x = {p.get("x").get(0).asDouble(), p.get("x").get(1).asDouble()};
                double logP = p.get("log_p").asDouble();
                double[] score = {p.get("score").get(0).asDouble(), p.get("score").get(1).asDouble()};
                assertThat(pt.logDensity(x)).as("log p_t at t=%s x=%s", t, x).isCloseTo(logP, within(1e-9 * (1 + Math.abs(logP))));
                double[] s = pt.score(x);
                for (int r = 0; r < 2; r++) {
                    assertThat(s[r]).isCloseTo(score[r], within(1e-9 * (1 + Math.abs(score[r]))));
                }
                try (GaussianMixture.Evaluation e = pt.evaluate(manager.create(x, new Shape(1, 2)), true)) {
                    assertThat(e.logDensity().getDouble(0, 0)).isCloseTo(logP, within(1e-9 * (1 + Math.abs(logP))));
                    assertThat(e.score().getDouble(0, 0)).isCloseTo(score[0], within(1e-9 * (1 + Math.abs(score[0]))));
                    assertThat(e.score().getDouble(0, 1)).isCloseTo(score[1], within(1e-9 * (1 + Math.abs(score[1]))));
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(25);
    }

    @Test
    void pushForwardMatchesTheSdeSampleMoments() {
        GaussianMixture g = skewed2d();
        double m = 0.6;
        double s2 = 0.36;
        GaussianMixture pt = g.pushForward(m, s2);
        int n = 100_000;
        SplittableRandom rng = new SplittableRandom(2);
        double[] y0 = g.sampleFlat(n, rng);
        double[][] cov = pt.covariance();
        double[] mu = pt.mean();
        double[] yt = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            yt[i] = m * y0[i] + Math.sqrt(s2) * rng.nextGaussian();
        }
        for (int r = 0; r < 2; r++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += yt[2 * i + r];
            }
            mean /= n;
            assertThat(mean).isCloseTo(mu[r], within(5 * Math.sqrt(cov[r][r] / n)));
        }
        assertThat(pt.pushForward(1, 0).logDensity(new double[] {0.3, 0.1})).isEqualTo(pt.logDensity(new double[] {0.3, 0.1}));
    }

    @Test
    void invalidParametersAreRefused() {
        double[][] mean = {{0, 0}};
        assertThatThrownBy(() -> new GaussianMixture(new double[] {-1}, mean, new double[][][] {{{1, 0}, {0, 1}}}))
                .isInstanceOf(DataException.class).hasMessageContaining("weight 0");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1}, mean, new double[][][] {{{1, 0.5}, {0, 1}}}))
                .isInstanceOf(DataException.class).hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1}, mean, new double[][][] {{{1, 2}, {2, 1}}}))
                .isInstanceOf(DataException.class).hasMessageContaining("positive definite");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1}, new double[][] {{0, 0, 0}}, new double[][][] {{{1, 0}, {0, 1}}}))
                .isInstanceOf(DataException.class).hasMessageContaining("covariance 0");
        assertThatThrownBy(() -> new GaussianMixture(new double[] {1, 1}, mean, new double[][][] {{{1, 0}, {0, 1}}}))
                .isInstanceOf(DataException.class).hasMessageContaining("2 weights");
    }
}
