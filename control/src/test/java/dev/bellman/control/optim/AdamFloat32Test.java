package dev.bellman.control.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.bellman.control.TestSupport;
import dev.bellman.control.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * float32 parameters take libtorch's fused Adam kernel (θ ← θ − c·m/(√v + ε') with the bias
 * corrections folded into c and ε'): it must be the same update as the hand-computed Adam of
 * Kingma &amp; Ba, with AdamW decay and global-norm clipping, to single precision.
 */
class AdamFloat32Test {
    static NDManager m;

    @BeforeAll
    static void start() {
        m = TestSupport.manager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    @Test
    void fusedFloat32UpdateMatchesTheAlgorithmWithDecayAndClipping() {
        NDArray theta = m.create(new float[] {1.0f, -2.0f, 0.5f});
        theta.setRequiresGradient(true);
        double lr = 0.05;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double lambda = 0.01;
        double clip = 1.0;
        Adam adam = new Adam(List.of(new Parameter("theta", theta)),
                AdamConfig.of(lr).withWeightDecay(lambda).withClipNorm(clip));
        double[][] gs = {{0.5, -1.5, 0.2}, {-0.3, 0.4, 0.1}, {2.0, 2.0, -1.0}};
        double[] th = {1.0, -2.0, 0.5};
        double[] mm = new double[3];
        double[] vv = new double[3];
        for (int k = 1; k <= gs.length; k++) {
            double[] g = gs[k - 1];
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(theta.mul(m.create(new float[] {(float) g[0], (float) g[1], (float) g[2]})).sum());
            }
            double norm = adam.step();
            double n2 = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
            assertThat(norm).isCloseTo(n2, within(1e-6 * n2));
            double scale = n2 > clip ? clip / (n2 + 1e-6) : 1.0;
            for (int i = 0; i < 3; i++) {
                double gi = g[i] * scale;
                mm[i] = b1 * mm[i] + (1 - b1) * gi;
                vv[i] = b2 * vv[i] + (1 - b2) * gi * gi;
                th[i] -= lr * lambda * th[i];
                th[i] -= lr * (mm[i] / (1 - Math.pow(b1, k))) / (Math.sqrt(vv[i] / (1 - Math.pow(b2, k))) + eps);
            }
            float[] got = theta.toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertThat((double) got[i]).as("step %d, θ%d", k, i).isCloseTo(th[i], within(2e-6));
            }
        }
        assertThat(theta.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(theta.getGradient().toFloatArray()).containsOnly(0f);
        AdamState s = adam.exportState();
        assertThat(s.step()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(s.firstMoment().values().get(0)[i]).isCloseTo(mm[i], within(1e-6));
            assertThat(s.secondMoment().values().get(0)[i]).isCloseTo(vv[i], within(1e-6));
        }
    }
}
