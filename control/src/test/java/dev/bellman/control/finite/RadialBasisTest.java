package dev.bellman.control.finite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bellman.control.pi.LinearLeastSquares;
import org.junit.jupiter.api.Test;

/**
 * The log-Chebyshev radial bases against independent computations (host-side, no engine): values against
 * cos(l·arccos ξ)(c + s)^{−k}, first and second derivatives in s against central differences, and the
 * claim the solver relies on — the k = 1 basis of degree p − 1 spans the s-derivatives of the k = 0 basis
 * of degree p, so the greedy feedback ∝ F_s lies in the policy's span.
 */
class RadialBasisTest {
    private static final double C = 7.0;
    private static final double S_MAX = 300.0;

    @Test
    void valuesAreChebyshevPolynomialsOfTheLogRadius() {
        for (int power : new int[] {0, 1, 2}) {
            RadialBasis b = RadialBasis.logChebyshev(9, C, S_MAX, power);
            double[] v = new double[10];
            for (double s : new double[] {0, 0.3, C, 40, S_MAX}) {
                b.evaluate(s, v, null, null);
                double xi = 2 * Math.log(1 + s / C) / Math.log(1 + S_MAX / C) - 1;
                for (int l = 0; l < 10; l++) {
                    double expected = Math.cos(l * Math.acos(Math.max(-1, Math.min(1, xi)))) * Math.pow(C + s, -power);
                    assertThat(v[l]).as("power %d, l %d, s %f", power, l, s).isCloseTo(expected, within(1e-12));
                }
            }
        }
    }

    @Test
    void derivativesMatchCentralDifferences() {
        for (int power : new int[] {0, 1}) {
            RadialBasis b = RadialBasis.logChebyshev(12, C, S_MAX, power);
            int q = b.size();
            double[] v = new double[q];
            double[] d1 = new double[q];
            double[] d2 = new double[q];
            double[] up = new double[q];
            double[] down = new double[q];
            double[] up1 = new double[q];
            double[] down1 = new double[q];
            for (double s : new double[] {0.05, 1.3, 25, 250}) {
                double h = 1e-5 * (C + s);
                b.evaluate(s, v, d1, d2);
                b.evaluate(s + h, up, up1, null);
                b.evaluate(s - h, down, down1, null);
                for (int l = 0; l < q; l++) {
                    double fd1 = (up[l] - down[l]) / (2 * h);
                    double fd2 = (up1[l] - down1[l]) / (2 * h);
                    assertThat(d1[l]).as("φ' power %d l %d s %f", power, l, s).isCloseTo(fd1, within(1e-7 * (1 + Math.abs(fd1))));
                    assertThat(d2[l]).as("φ'' power %d l %d s %f", power, l, s).isCloseTo(fd2, within(1e-7 * (1 + Math.abs(fd2)) / (C + s)));
                }
            }
        }
    }

    @Test
    void weightedBasisSpansTheValueBasisDerivatives() {
        int p = 10;
        RadialBasis value = RadialBasis.logChebyshev(p, C, S_MAX, 0);
        RadialBasis policy = RadialBasis.logChebyshev(p - 1, C, S_MAX, 1);
        int n = 300;
        double[][] phi = new double[n][p];
        double[][] target = new double[p + 1][n];
        double[] v = new double[p + 1];
        double[] d1 = new double[p + 1];
        double[] chi = new double[p];
        for (int i = 0; i < n; i++) {
            double s = S_MAX * Math.pow((i + 0.5) / n, 3); // dense near the origin
            value.evaluate(s, v, d1, null);
            policy.evaluate(s, chi, null, null);
            phi[i] = chi.clone();
            for (int l = 0; l <= p; l++) {
                target[l][i] = d1[l];
            }
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        for (int l = 0; l <= p; l++) {
            double[] beta = LinearLeastSquares.solve(phi, target[l], w);
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < n; i++) {
                double fit = 0;
                for (int j = 0; j < p; j++) {
                    fit += phi[i][j] * beta[j];
                }
                worst = Math.max(worst, Math.abs(fit - target[l][i]));
                scale = Math.max(scale, Math.abs(target[l][i]));
            }
            assertThat(worst).as("φ_%d'", l).isLessThanOrEqualTo(1e-10 * Math.max(scale, 1e-3));
        }
    }

    @Test
    void rejectsAnEmptyDomain() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RadialBasis.logChebyshev(4, 0, 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RadialBasis.logChebyshev(4, 1, Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
