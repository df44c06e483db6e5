package dev.bellman.control.optim;

import static dev.bellman.control.TestSupport.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.TestSupport;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdamTest {
    static NDManager m;

    @BeforeAll
    static void start() {
        m = TestSupport.manager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    private static void backward(NDArray theta, double[] c) {
        // loss = Σ cᵢθᵢ, so ∂loss/∂θ = c
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(theta.mul(m.create(c)).sum());
        }
    }

    @Test
    void matchesHandComputedTwoStepUpdate() {
        NDArray theta = m.create(new double[] {1.0, -2.0});
        theta.setRequiresGradient(true);
        double lr = 0.1;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double lambda = 0.01;
        Adam adam = new Adam(List.of(new Parameter("theta", theta)), AdamConfig.of(lr).withWeightDecay(lambda));
        double[] g1 = {0.5, -1.5};
        double[] g2 = {-0.3, 2.0};
        double[] th = {1.0, -2.0};
        double[] mm = new double[2];
        double[] vv = new double[2];
        double[][] gs = {g1, g2};
        for (int k = 1; k <= 2; k++) {
            backward(theta, gs[k - 1]);
            adam.step();
            for (int i = 0; i < 2; i++) {
                double g = gs[k - 1][i];
                mm[i] = b1 * mm[i] + (1 - b1) * g;
                vv[i] = b2 * vv[i] + (1 - b2) * g * g;
                th[i] -= lr * lambda * th[i];
                th[i] -= lr * (mm[i] / (1 - Math.pow(b1, k))) / (Math.sqrt(vv[i] / (1 - Math.pow(b2, k))) + eps);
            }
            double[] got = d(theta);
            assertThat(got[0]).isCloseTo(th[0], offset(1e-14));
            assertThat(got[1]).isCloseTo(th[1], offset(1e-14));
        }
        assertThat(d(theta.getGradient())).containsOnly(0.0);
        assertThat(adam.stepCount()).isEqualTo(2);
    }

    @Test
    void clipsTheGlobalNorm() {
        NDArray theta = m.create(new double[] {0.0, 0.0});
        theta.setRequiresGradient(true);
        Adam adam = new Adam(List.of(new Parameter("theta", theta)), AdamConfig.of(0.1).withClipNorm(1.0));
        backward(theta, new double[] {3.0, 4.0});
        assertThat(adam.step()).isCloseTo(5.0, offset(1e-12));
    }

    private static void trainStep(Mlp mlp, Adam adam, int k) {
        NDArray x = m.create(new double[] {0.1 * k, -0.2, 0.3, 0.05 * k}, new Shape(2, 2));
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            gc.backward(mlp.forward(x).sub(1.0).square().mean());
        }
        adam.step();
    }

    @Test
    void exportedStateResumesBitForBit() throws Exception {
        MlpConfig c = MlpConfig.of(2, List.of(8), 1, Precision.FLOAT64, 3);
        AdamConfig ac = AdamConfig.of(0.01).withSchedule(LearningRateSchedule.warmup(0.01, 4)).withClipNorm(0.5);
        try (Mlp a = new Mlp(c, m); Mlp b = new Mlp(c, m)) {
            Adam adamA = new Adam(a.parameters(), ac);
            ParameterSnapshot paramsAt5 = null;
            AdamState stateAt5 = null;
            for (int k = 0; k < 10; k++) {
                if (k == 5) {
                    paramsAt5 = a.snapshot();
                    stateAt5 = adamA.exportState();
                }
                trainStep(a, adamA, k);
            }
            // a checkpoint round trip through the binary form
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            paramsAt5.write(new DataOutputStream(bytes));
            b.load(ParameterSnapshot.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
            Adam adamB = new Adam(b.parameters(), ac);
            adamB.importState(stateAt5);
            for (int k = 5; k < 10; k++) {
                trainStep(b, adamB, k);
            }
            assertThat(b.snapshot().sameValues(a.snapshot())).isTrue();
            assertThat(adamB.exportState().firstMoment().sameValues(adamA.exportState().firstMoment())).isTrue();
            assertThat(adamB.stepCount()).isEqualTo(10);
        }
    }

    @Test
    void emaAveragesAndResumes() {
        NDArray theta = m.create(new double[] {1.0});
        theta.setRequiresGradient(true);
        List<Parameter> ps = List.of(new Parameter("theta", theta));
        Ema ema = new Ema(ps, 0.5);
        ParameterSnapshot.assign(theta, new double[] {3.0});
        ema.update(); // 0.5·1 + 0.5·3 = 2
        assertThat(d(ema.averaged().get(0).array())[0]).isEqualTo(2.0);
        Ema.EmaState s = ema.exportState();
        Ema other = new Ema(ps, 0.5);
        other.importState(s);
        other.update(); // 0.5·2 + 0.5·3
        assertThat(d(other.averaged().get(0).array())[0]).isEqualTo(2.5);
        assertThat(other.updates()).isEqualTo(2);
    }
}
