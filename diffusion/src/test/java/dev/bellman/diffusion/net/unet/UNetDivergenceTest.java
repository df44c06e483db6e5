package dev.bellman.diffusion.net.unet;

import static dev.bellman.diffusion.net.unet.UNetTestSupport.d;
import static dev.bellman.diffusion.net.unet.UNetTestSupport.gaussian;
import static dev.bellman.diffusion.net.unet.UNetTestSupport.perturbOutput;
import static dev.bellman.diffusion.net.unet.UNetTestSupport.tiny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.Probes;
import dev.bellman.control.nn.Parameter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hutchinson's divergence of a tiny U-Net (1 × 8 × 8, D = 64) against the Jacobian J = ∂u/∂x computed
 * independently by central finite differences (D perturbations, float64): one probe reproduces vᵀJv,
 * and many probes average to Tr J within the estimator's own standard error, which is known in closed
 * form from J: Var(vᵀJv) = ½ Σ_{i≠j} (J_ij + J_ji)² for Rademacher v.
 */
class UNetDivergenceTest {
    static final int B = 2;
    static final int D = 64;
    static NDManager m;
    static UNet net;
    static NDArray t;
    static NDArray x;
    /** jac[b][o][i] = ∂u_o/∂x_i at sample b. */
    static double[][][] jac;

    @BeforeAll
    static void start() {
        m = UNetTestSupport.engine().newManager();
        net = new UNet(tiny(31), m);
        perturbOutput(net, 32, 0.5);
        t = m.create(new double[] {0.3, 0.05}, new Shape(B, 1));
        x = gaussian(m, 33, 1.0, B, D);
        jac = finiteDifferenceJacobian();
    }

    @AfterAll
    static void stop() {
        net.close();
        m.close();
    }

    /** All 2·D perturbed copies of every sample in one forward pass. */
    static double[][][] finiteDifferenceJacobian() {
        double h = 1e-5;
        double[] xv = d(x);
        int rows = B * 2 * D;
        double[] xs = new double[rows * D];
        double[] ts = new double[rows];
        double[] tv = d(t);
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < D; i++) {
                for (int sign = 0; sign < 2; sign++) {
                    int r = (b * D + i) * 2 + sign;
                    System.arraycopy(xv, b * D, xs, r * D, D);
                    xs[r * D + i] += sign == 0 ? h : -h;
                    ts[r] = tv[b];
                }
            }
        }
        double[] u = d(net.value(m.create(ts, new Shape(rows, 1)), m.create(xs, new Shape(rows, D))));
        double[][][] j = new double[B][D][D];
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < D; i++) {
                int plus = (b * D + i) * 2;
                for (int o = 0; o < D; o++) {
                    j[b][o][i] = (u[plus * D + o] - u[(plus + 1) * D + o]) / (2 * h);
                }
            }
        }
        return j;
    }

    @Test
    void oneProbeGivesVTransposeJv() {
        Probes probes = Probes.rademacher(1, D, 34);
        double[] v = probes.values();
        double[] div = d(net.divergence(t, x, DivergenceMode.hutchinson(probes)));
        for (int b = 0; b < B; b++) {
            double vjv = 0;
            for (int o = 0; o < D; o++) {
                for (int i = 0; i < D; i++) {
                    vjv += v[o] * jac[b][o][i] * v[i];
                }
            }
            assertThat(div[b]).isCloseTo(vjv, within(1e-6 * (1 + Math.abs(vjv))));
        }
    }

    @Test
    void manyProbesAverageToTheTraceWithinTheirStandardError() {
        int k = 1000;
        double[] div = d(net.divergence(t, x, DivergenceMode.hutchinson(Probes.rademacher(k, D, 35))));
        for (int b = 0; b < B; b++) {
            double trace = 0;
            double variance = 0;
            for (int i = 0; i < D; i++) {
                trace += jac[b][i][i];
                for (int j = 0; j < D; j++) {
                    if (i != j) {
                        double s = jac[b][i][j] + jac[b][j][i];
                        variance += 0.5 * s * s;
                    }
                }
            }
            double se = Math.sqrt(variance / k);
            double[] pv = Probes.rademacher(k, D, 35).values();
            double direct = 0;
            for (int p = 0; p < k; p++) {
                for (int o = 0; o < D; o++) {
                    for (int i = 0; i < D; i++) {
                        direct += pv[p * D + o] * jac[b][o][i] * pv[p * D + i] / k;
                    }
                }
            }
            // The batched estimate is the mean of the same K quadratic forms vᵀJv, computed from the FD Jacobian.
            assertThat(div[b]).as("mean of vᵀJv over the same probes").isCloseTo(direct, within(1e-6 * (1 + Math.abs(direct))));
            System.out.printf("sample %d: Tr J = %.6f, Hutchinson(%d) = %.6f, se = %.6f%n", b, trace, k, div[b], se);
            assertThat(variance).as("the Jacobian is not diagonal, so the test can fail").isGreaterThan(1e-6);
            assertThat(Math.abs(div[b] - trace)).isLessThan(4 * se);
        }
    }

    @Test
    void divergenceLeavesParameterGradientsAlone() {
        net.divergence(t, x, DivergenceMode.hutchinson(Probes.rademacher(2, D, 36)));
        for (Parameter p : net.parameters()) {
            NDArray g = p.array().getGradient();
            assertThat(d(g.abs().sum())[0]).as(p.name()).isZero();
        }
    }

    @Test
    void exactDivergenceIsRefusedForImages() {
        assertThatThrownBy(() -> net.divergence(t, x, DivergenceMode.EXACT))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("Hutchinson");
        assertThatThrownBy(() -> net.divergence(t, x, DivergenceMode.hutchinson(Probes.rademacher(1, 3, 0))))
                .hasMessageContaining("probes have length 3");
    }
}
