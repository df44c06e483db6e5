package dev.bellman.control.nn.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.TestSupport;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.Init;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.optim.AdamConfig;
import dev.bellman.control.optim.LearningRateSchedule;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Host backpropagation gives libtorch's autograd gradient (float64 reference) of a loss of the network's
 * output, for the control net's shape and odd shapes, whole and partial blocks, one and two threads; and
 * host Adam gives the core Adam's update.
 */
class HostBackpropTest {
    private static NDManager m;

    @BeforeAll
    static void start() {
        m = TestSupport.manager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    @ParameterizedTest(name = "{0} → {1} → {2}, {3} rows, {4} threads")
    @CsvSource({
        "18, '128,128,128', 2, 512, 2",
        "18, '128,128,128', 2, 100, 1",
        "5, '40,24', 3, 70, 2",
        "3, '16', 1, 3, 1",
    })
    void gradientMatchesAutograd(int in, String hidden, int out, int rows, int threads) {
        List<Integer> widths = java.util.Arrays.stream(hidden.split(",")).map(Integer::valueOf).toList();
        MlpConfig c = new MlpConfig(in, widths, out, Activation.SILU, Init.XAVIER, false, Precision.FLOAT64, 5);
        try (Mlp mlp = new Mlp(c, m); NDManager step = m.newSubManager()) {
            HostBackprop host = HostBackprop.of(mlp);
            float[] z = TestFloats.gaussian(rows * in, 3, 1.0);
            double[] target = TestFloats.doubles(TestFloats.gaussian(rows * out, 4, 1.0));
            // loss = Σ_rj ½ (u_rj − y_rj)²: ∂/∂u = u − y
            double hostLoss = host.lossAndGradient(z, rows, (row0, n, u, stride, du) -> {
                double l = 0;
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < out; j++) {
                        double e = u[r * stride + j] - target[(row0 + r) * out + j];
                        l += 0.5 * e * e;
                        du[r * stride + j] = (float) e;
                    }
                }
                return l;
            }, threads);
            double djlLoss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray u = mlp.forward(step.create(TestFloats.doubles(z), new Shape(rows, in)));
                NDArray loss = u.sub(step.create(target, new Shape(rows, out))).square().sum().mul(0.5);
                djlLoss = loss.getDouble();
                gc.backward(loss);
            }
            assertThat(hostLoss).isCloseTo(djlLoss, within(1e-5 * djlLoss));
            List<Parameter> ps = mlp.parameters();
            for (int i = 0; i < ps.size(); i++) {
                double[] expected = ps.get(i).array().getGradient().toDoubleArray();
                double[] got = host.values(host.gradients(), i);
                assertThat(TestSupport.relErr(got, expected)).as("gradient of %s", ps.get(i).name()).isLessThan(5e-6);
            }
        }
    }

    @Test
    void adamAndEmaMatchTheCoreFormulas() {
        AdamConfig c = AdamConfig.of(0.05).withWeightDecay(0.01).withClipNorm(1.0)
                .withSchedule(LearningRateSchedule.warmup(0.05, 2));
        float[][] theta = {new float[16]};
        float[][] shadow = {new float[16]};
        theta[0][0] = 1.0f;
        theta[0][1] = -2.0f;
        theta[0][2] = 0.5f;
        shadow[0] = theta[0].clone();
        HostAdam adam = new HostAdam(c, theta);
        double[][] gs = {{0.5, -1.5, 0.2}, {-0.3, 0.4, 0.1}, {2.0, 2.0, -1.0}};
        double[] th = {1.0, -2.0, 0.5};
        double[] sh = th.clone();
        double[] mm = new double[3];
        double[] vv = new double[3];
        for (int k = 1; k <= gs.length; k++) {
            double[] g = gs[k - 1];
            float[][] grad = {new float[16]};
            for (int i = 0; i < 3; i++) {
                grad[0][i] = (float) g[i];
            }
            double norm = adam.step(theta, grad);
            HostAdam.ema(shadow, theta, 0.9);
            double n2 = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
            assertThat(norm).isCloseTo(n2, within(1e-6 * n2));
            double scale = n2 > 1.0 ? 1.0 / (n2 + 1e-6) : 1.0;
            double lr = c.schedule().at(k);
            for (int i = 0; i < 3; i++) {
                double gi = g[i] * scale;
                mm[i] = 0.9 * mm[i] + 0.1 * gi;
                vv[i] = 0.999 * vv[i] + 0.001 * gi * gi;
                th[i] -= lr * 0.01 * th[i];
                th[i] -= lr * (mm[i] / (1 - Math.pow(0.9, k))) / (Math.sqrt(vv[i] / (1 - Math.pow(0.999, k))) + 1e-8);
                sh[i] = 0.9 * sh[i] + 0.1 * th[i];
            }
            for (int i = 0; i < 3; i++) {
                assertThat((double) theta[0][i]).as("step %d, θ%d", k, i).isCloseTo(th[i], within(2e-6));
                assertThat((double) shadow[0][i]).as("step %d, EMA %d", k, i).isCloseTo(sh[i], within(2e-6));
            }
            for (int i = 3; i < 16; i++) {
                assertThat(theta[0][i]).as("padding stays zero").isZero();
            }
        }
        assertThat(adam.stepCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat((double) adam.firstMoment()[0][i]).isCloseTo(mm[i], within(1e-6));
            assertThat((double) adam.secondMoment()[0][i]).isCloseTo(vv[i], within(1e-6));
        }
    }
}
