package dev.bellman.control.finite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The separable space-time bases against independent computations: Chebyshev values against
 * cos(k·arccos s) and their time derivatives, the state bases' gradients and Hessians, and
 * {@link SpaceTimeValue}'s ∂ₜV, ∇V, ∇²V against central finite differences (host-side, no engine).
 */
class SpaceTimeBasisTest {
    private static final double H = 1e-5;

    @Test
    void chebyshevValuesAndTimeDerivatives() {
        ChebyshevTimeBasis b = new ChebyshevTimeBasis(12, 2.5);
        double[] v = new double[13];
        double[] dv = new double[13];
        double[] up = new double[13];
        double[] down = new double[13];
        for (double t : new double[] {0.0, 0.3, 1.25, 2.0, 2.5}) {
            b.values(t, v);
            b.timeDerivatives(t, dv);
            double s = 2 * t / 2.5 - 1;
            for (int k = 0; k <= 12; k++) {
                assertThat(v[k]).isCloseTo(Math.cos(k * Math.acos(s)), within(1e-12));
            }
            b.values(t + H, up);
            b.values(t - H, down);
            for (int k = 0; k <= 12; k++) {
                assertThat(dv[k]).as("k=%d t=%f", k, t).isCloseTo((up[k] - down[k]) / (2 * H), within(1e-5 * (1 + Math.abs(dv[k]))));
            }
        }
    }

    @Test
    void stateBasisDerivativesMatchFiniteDifferences() {
        check(StateBasis.quadratic(3), new double[] {0.4, -1.1, 0.7});
        check(StateBasis.affine(2), new double[] {0.4, -1.1});
        check(StateBasis.utility(2.0), new double[] {1.7});
        check(StateBasis.utility(1.0), new double[] {0.8});
        check(StateBasis.logAffine(), new double[] {2.3});
    }

    private static void check(StateBasis b, double[] x) {
        int q = b.size();
        int d = b.dim();
        double[] v = new double[q];
        double[][] g = new double[q][d];
        double[][][] h = new double[q][d][d];
        b.evaluate(x, v, g, h);
        for (int i = 0; i < d; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += H;
            xm[i] -= H;
            double[] vp = new double[q];
            double[] vm = new double[q];
            double[][] gp = new double[q][d];
            double[][] gm = new double[q][d];
            b.evaluate(xp, vp, gp, new double[q][d][d]);
            b.evaluate(xm, vm, gm, new double[q][d][d]);
            for (int l = 0; l < q; l++) {
                assertThat(g[l][i]).isCloseTo((vp[l] - vm[l]) / (2 * H), within(1e-6));
                for (int j = 0; j < d; j++) {
                    assertThat(h[l][j][i]).isCloseTo((gp[l][j] - gm[l][j]) / (2 * H), within(1e-6));
                }
            }
        }
    }

    @Test
    void spaceTimeValueDerivativesMatchFiniteDifferences() {
        SpaceTimeValue v = new SpaceTimeValue(new ChebyshevTimeBasis(6, 1.0), StateBasis.quadratic(2));
        SplittableRandom r = new SplittableRandom(7);
        double[] theta = new double[v.size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextGaussian();
        }
        v.assign(theta);
        double t = 0.37;
        double[] x = {0.5, -0.8};
        SpaceTimeValue.Local at = v.at(t, x);
        assertThat(at.time()).isCloseTo((v.at(t + H, x).value() - v.at(t - H, x).value()) / (2 * H), within(1e-6));
        for (int i = 0; i < 2; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += H;
            xm[i] -= H;
            assertThat(at.gradient()[i]).isCloseTo((v.at(t, xp).value() - v.at(t, xm).value()) / (2 * H), within(1e-6));
            for (int j = 0; j < 2; j++) {
                assertThat(at.hessian()[j][i]).isCloseTo((v.at(t, xp).gradient()[j] - v.at(t, xm).gradient()[j]) / (2 * H),
                        within(1e-6));
            }
        }
    }
}
