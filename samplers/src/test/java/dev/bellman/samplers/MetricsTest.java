package dev.bellman.samplers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.samplers.metrics.KernelStatistics;
import dev.bellman.samplers.metrics.SlicedWasserstein;
import dev.bellman.samplers.metrics.TwoSampleStatistics;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Metrics against brute force, closed forms for Gaussians, and shifted samples. */
class MetricsTest {

    static double[] gaussian(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian() + (i % d == 0 ? shift : 0);
        }
        return v;
    }

    @Test
    void blockedStatisticsEqualTheDoubleLoop() {
        int n = 37;
        int m = 29;
        int d = 3;
        double[] x = gaussian(n, d, 0.0, 1);
        double[] y = gaussian(m, d, 0.7, 2);
        double[] hs = TwoSampleStatistics.BANDWIDTHS;
        double kxx = 0, kyy = 0, kxy = 0, dxx = 0, dyy = 0, dxy = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    double q = dist2(x, i, x, j, d);
                    dxx += Math.sqrt(q);
                    for (double h : hs) {
                        kxx += Math.exp(-q / (2 * h * h));
                    }
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    double q = dist2(y, i, y, j, d);
                    dyy += Math.sqrt(q);
                    for (double h : hs) {
                        kyy += Math.exp(-q / (2 * h * h));
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double q = dist2(x, i, y, j, d);
                dxy += Math.sqrt(q);
                for (double h : hs) {
                    kxy += Math.exp(-q / (2 * h * h));
                }
            }
        }
        double mmd = kxx / (n * (n - 1.0)) + kyy / (m * (m - 1.0)) - 2 * kxy / (n * (double) m);
        double energy = 2 * dxy / (n * (double) m) - dxx / (n * (n - 1.0)) - dyy / (m * (m - 1.0));
        try (NDManager mgr = BellmanEngine.current().newManager()) {
            // blocks of 8 rows: uneven last blocks, diagonal and off-diagonal blocks all exercised
            KernelStatistics k = TwoSampleStatistics.compute(mgr.create(x, new Shape(n, d)), mgr.create(y, new Shape(m, d)), hs, 8);
            assertThat(k.mmd2()).isCloseTo(mmd, within(1e-10));
            assertThat(k.energy()).isCloseTo(energy, within(1e-10));
        }
    }

    static double dist2(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double t = a[i * d + c] - b[j * d + c];
            s += t * t;
        }
        return s;
    }

    @Test
    void mmdAndEnergyOfTwoGaussiansMatchTheirClosedForms() {
        // X ~ N(0, I₂), Y ~ N(δe₁, I₂): E k_h(X, Y) = h²/(h² + 2) · exp(−δ²/(2(h² + 2))) in 2-D, and
        // E k_h(X, X') the same with δ = 0. Energy in 1-D: E|N(δ, 2)| and E|N(0, 2)| = 2/√π.
        int n = 4000;
        double delta = 1.0;
        double mmd = 0;
        for (double h : TwoSampleStatistics.BANDWIDTHS) {
            double c = h * h / (h * h + 2);
            mmd += 2 * c - 2 * c * Math.exp(-delta * delta / (2 * (h * h + 2)));
        }
        double s = Math.sqrt(2);
        double exy = s * Math.sqrt(2 / Math.PI) * Math.exp(-delta * delta / (2 * s * s)) + delta * (1 - 2 * phi(-delta / s));
        double energy1d = 2 * exy - 2 * 2 / Math.sqrt(Math.PI);
        try (NDManager mgr = BellmanEngine.current().newManager()) {
            KernelStatistics k = TwoSampleStatistics.compute(mgr.create(gaussian(n, 2, 0, 3), new Shape(n, 2)),
                    mgr.create(gaussian(n, 2, delta, 4), new Shape(n, 2)));
            System.out.printf("mmd2 %.5f vs %.5f%n", k.mmd2(), mmd);
            assertThat(k.mmd2()).isCloseTo(mmd, within(0.05 * mmd));
            KernelStatistics k1 = TwoSampleStatistics.compute(mgr.create(gaussian(n, 1, 0, 5), new Shape(n, 1)),
                    mgr.create(gaussian(n, 1, delta, 6), new Shape(n, 1)));
            System.out.printf("energy %.5f vs %.5f%n", k1.energy(), energy1d);
            assertThat(k1.energy()).isCloseTo(energy1d, within(0.08 * energy1d));
            // identical laws: unbiased MMD² and energy scatter around 0 (sd ≈ 1e-4 here)
            KernelStatistics same = TwoSampleStatistics.compute(mgr.create(gaussian(n, 2, 0, 7), new Shape(n, 2)),
                    mgr.create(gaussian(n, 2, 0, 8), new Shape(n, 2)));
            assertThat(Math.abs(same.mmd2())).isLessThan(0.02 * mmd);
            assertThat(Math.abs(same.energy())).isLessThan(0.02 * energy1d * 2);
        }
    }

    /** Standard normal CDF by the Abramowitz–Stegun erf approximation 7.1.26 (error < 1.5e-7). */
    static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    @Test
    void slicedWassersteinOfAShiftIsItsLengthOverRootD() {
        // Y = X + δ: every projection's sorted values differ by θ·δ exactly, and E(θ·δ)² = ‖δ‖²/D on
        // the sphere; 1,000 directions estimate it to ≈ 1 %.
        int n = 5000;
        int d = 4;
        double[] x = gaussian(n, d, 0, 9);
        double[] y = x.clone();
        double norm2 = 0;
        for (int c = 0; c < d; c++) {
            double shift = 0.3 * (c + 1);
            norm2 += shift * shift;
            for (int i = 0; i < n; i++) {
                y[i * d + c] += shift;
            }
        }
        try (NDManager mgr = BellmanEngine.current().newManager()) {
            NDArray a = mgr.create(x, new Shape(n, d));
            double sw = SlicedWasserstein.distance(a, mgr.create(y, new Shape(n, d)), 1000, 11L);
            assertThat(sw).isCloseTo(Math.sqrt(norm2 / d), within(0.04 * Math.sqrt(norm2 / d)));
            assertThat(SlicedWasserstein.distance(a, a, 1000, 11L)).isEqualTo(0.0);
        }
    }
}
