package dev.bellman.control.nn.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.bellman.control.TestSupport;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.nn.Activation;
import dev.bellman.control.nn.Init;
import dev.bellman.control.nn.Mlp;
import dev.bellman.control.nn.MlpConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The host kernels compute the same function as {@link Mlp#forward}: checked against the float64 DJL
 * network on random inputs, for widths that are and are not multiples of the vector
 * length, batches that do and do not fill the 64-row blocks, one and two workers.
 */
class HostMlpTest {
    private static NDManager m;

    @BeforeAll
    static void start() {
        m = TestSupport.manager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    @ParameterizedTest(name = "{0}: {1} → {2} → {3}, {4} rows, {5} threads")
    @CsvSource({
        "SILU, 18, '128,128,128', 2, 1000, 2",
        "SILU, 18, '128,128,128', 2, 1, 1",
        "SILU, 18, '128,128,128', 2, 65, 2",
        "SILU, 5, '37,20', 3, 131, 1",
        "SILU, 3, '16,48,64', 1, 64, 2",
        "SILU, 7, '9', 11, 200, 2",
    })
    void matchesTheDjlForwardPass(Activation act, int in, String hidden, int out, int rows, int threads) {
        List<Integer> widths = java.util.Arrays.stream(hidden.split(",")).map(Integer::valueOf).toList();
        MlpConfig c = new MlpConfig(in, widths, out, act, Init.XAVIER, false, Precision.FLOAT64, 7);
        try (Mlp mlp = new Mlp(c, m); NDManager step = m.newSubManager(); GradMode off = GradMode.disabled()) {
            HostMlp host = HostMlp.pack(mlp);
            float[] z = TestFloats.gaussian(rows * in, 11, 1.5);
            double[] expected = mlp.forward(step.create(TestFloats.doubles(z), new ai.djl.ndarray.types.Shape(rows, in))).toDoubleArray();
            float[] y = new float[rows * out];
            host.forward(z, rows, in, null, y, threads);
            double err = TestSupport.relErr(TestFloats.doubles(y), expected);
            // float32 weights and sums of ≤ 128 terms against float64: ~1e-7 relative per layer
            assertThat(err).as("relative L2 error against the float64 DJL network").isLessThan(2e-6);
        }
    }

    @Test
    void trailingInputsSharedByTheBatchFoldIntoTheFirstBias() {
        int d = 2;
        int f = 16;
        MlpConfig c = new MlpConfig(d + f, List.of(128, 128), d, Activation.SILU, Init.XAVIER, false, Precision.FLOAT64, 3);
        try (Mlp mlp = new Mlp(c, m); NDManager step = m.newSubManager(); GradMode off = GradMode.disabled()) {
            HostMlp host = HostMlp.pack(mlp);
            int rows = 300;
            float[] x = TestFloats.gaussian(rows * d, 5, 2.0);
            float[] s = TestFloats.gaussian(f, 6, 1.0);
            float[] z = new float[rows * (d + f)];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, r * d, z, r * (d + f), d);
                System.arraycopy(s, 0, z, r * (d + f) + d, f);
            }
            float[] w0 = host.firstWeights();
            float[] bias = host.firstBias();
            for (int k = 0; k < f; k++) {
                for (int j = 0; j < bias.length; j++) {
                    bias[j] += s[k] * w0[(d + k) * bias.length + j];
                }
            }
            double[] expected = mlp.forward(step.create(TestFloats.doubles(z), new ai.djl.ndarray.types.Shape(rows, d + f))).toDoubleArray();
            float[] y = new float[rows * d];
            host.forward(x, rows, d, bias, y, 2);
            assertThat(TestSupport.relErr(TestFloats.doubles(y), expected)).isLessThan(2e-6);
            assertThatThrownBy(() -> host.forward(x, rows, d, null, y, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("first-layer bias");
        }
    }

    @Test
    void otherActivationsAreRefusedSoTheirCallersKeepLibtorch() {
        MlpConfig c = new MlpConfig(2, List.of(16), 1, Activation.TANH, Init.XAVIER, false, Precision.FLOAT64, 1);
        try (Mlp mlp = new Mlp(c, m)) {
            assertThat(HostMlp.supports(mlp)).isFalse();
            assertThatThrownBy(() -> HostMlp.pack(mlp)).isInstanceOf(IllegalStateException.class).hasMessageContaining("SiLU");
        }
    }

    @Test
    void expAgreesWithMathExpToTwoUlp() {
        // the kernel's own e^x (see DenseKernel.exp): accuracy over the range SiLU uses
        float[] x = new float[DenseKernel.LANES * 2000];
        for (int i = 0; i < x.length; i++) {
            x[i] = -87f + 175f * i / x.length;
        }
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += DenseKernel.LANES) {
            DenseKernel.exp(jdk.incubator.vector.FloatVector.fromArray(DenseKernel.SPECIES, x, i)).intoArray(y, i);
        }
        for (int i = 0; i < x.length; i++) {
            double e = Math.exp(x[i]);
            assertThat(Math.abs(y[i] - e)).as("exp(%s)", x[i]).isLessThanOrEqualTo(2 * Math.ulp((float) e));
        }
    }

    @Test
    void theCopyDoesNotFollowLaterTraining() {
        MlpConfig c = new MlpConfig(2, List.of(16), 1, Activation.SILU, Init.XAVIER, false, Precision.FLOAT64, 1);
        try (Mlp mlp = new Mlp(c, m); GradMode off = GradMode.disabled()) {
            HostMlp host = HostMlp.pack(mlp);
            float[] z = {0.3f, -0.7f};
            float[] before = new float[1];
            host.forward(z, 1, 2, null, before, 1);
            NDArray b = mlp.parameters().get(3).array();
            b.addi(1.0);
            float[] after = new float[1];
            host.forward(z, 1, 2, null, after, 1);
            assertThat(after[0]).isEqualTo(before[0]);
            assertThat(HostMlp.pack(mlp).firstBias()).hasSize(16);
        }
    }
}
