package dev.bellman.diffusion.net.unet;

import static dev.bellman.diffusion.net.unet.UNetTestSupport.d;
import static dev.bellman.diffusion.net.unet.UNetTestSupport.gaussian;
import static dev.bellman.diffusion.net.unet.UNetTestSupport.perturbOutput;
import static dev.bellman.diffusion.net.unet.UNetTestSupport.tiny;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.GcChurn;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The U-Net's shapes, zero start, gradient flow, GroupNorm, time conditioning and snapshots. */
class UNetTest {
    static NDManager m;

    @BeforeAll
    static void start() {
        m = UNetTestSupport.engine().newManager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    @Test
    void outputHasTheInputShapeAndIsZeroAtInitialisation() {
        try (UNet net = new UNet(tiny(1), m)) {
            NDArray t = m.create(new double[] {0.1, 0.5, 0.9}, new Shape(3, 1));
            NDArray x = gaussian(m, 2, 1.0, 3, 64);
            NDArray u = net.value(t, x);
            assertThat(u.getShape()).isEqualTo(new Shape(3, 64));
            assertThat(d(u)).containsOnly(0.0);
            assertThat(net.dim()).isEqualTo(64);
            NDArray img = net.forwardImages(t, x.reshape(3, 1, 8, 8));
            assertThat(img.getShape()).isEqualTo(new Shape(3, 1, 8, 8));
        }
        // MNIST size: 28 → 14 → 7 and back.
        try (UNet net = new UNet(UNetConfig.mnist(0).withBaseChannels(8).withGroups(4), m)) {
            NDArray u = net.value(m.create(new float[] {0.3f, 0.6f}, new Shape(2, 1)),
                    gaussian(m, 3, 1.0, 2, 784).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
            assertThat(u.getShape()).isEqualTo(new Shape(2, 784));
        }
    }

    @Test
    void badShapesAndConfigurationsAreRefused() {
        assertThatThrownBy(() -> new UNetConfig(1, 30, 30, 32, 8, 64, Precision.FLOAT32, 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("divisible by 4");
        assertThatThrownBy(() -> new UNetConfig(1, 28, 28, 12, 8, 64, Precision.FLOAT32, 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("multiple of the GroupNorm groups");
        assertThatThrownBy(() -> new UNetConfig(1, 28, 28, 32, 8, 63, Precision.FLOAT32, 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("even");
        try (UNet net = new UNet(tiny(1), m)) {
            assertThatThrownBy(() -> net.value(m.zeros(new Shape(2, 1)), m.zeros(new Shape(2, 63))))
                    .hasMessageContaining("(B, 64)");
        }
    }

    @Test
    void gradientReachesEveryParameter() {
        try (UNet net = new UNet(tiny(4), m)) {
            perturbOutput(net, 5, 0.3);
            NDArray t = m.create(new double[] {0.2, 0.8}, new Shape(2, 1));
            NDArray x = gaussian(m, 6, 1.0, 2, 64);
            NDArray target = gaussian(m, 7, 1.0, 2, 64);
            try (GradientCollector gc = UNetTestSupport.engine().engine().newGradientCollector()) {
                gc.backward(net.value(t, x).sub(target).square().mean());
            }
            for (Parameter p : net.parameters()) {
                double norm = Math.sqrt(Arrays.stream(d(p.array().getGradient())).map(v -> v * v).sum());
                assertThat(norm).as("gradient of " + p.name()).isGreaterThan(1e-10).isFinite();
            }
            assertThat(net.parameters()).extracting(Parameter::name).doesNotHaveDuplicates();
        }
    }

    /**
     * Backward passes repeat bit for bit while a {@link GcChurn} thread frees and overwrites Java
     * buffers between forward and backward. With DJL's {@code pow(Number)} in the GroupNorm this
     * failed on every run (the exponent, a Java buffer autograd kept, was freed); see {@link
     * dev.bellman.control.engine.Scalars}.
     */
    @Test
    void gradientsRepeatBitForBitWhileTheGcFreesJavaBuffers() throws InterruptedException {
        try (UNet net = new UNet(tiny(4), m); GcChurn churn = GcChurn.start(2)) {
            perturbOutput(net, 5, 0.3);
            NDArray t = m.create(new double[] {0.2, 0.8}, new Shape(2, 1));
            NDArray x = gaussian(m, 6, 1.0, 2, 64);
            double[] first = null;
            for (int rep = 0; rep < 12; rep++) {
                try (GradientCollector gc = UNetTestSupport.engine().engine().newGradientCollector()) {
                    NDArray loss = net.value(t, x).square().sum();
                    Thread.sleep(10);
                    gc.backward(loss);
                }
                double[] g = net.parameters().stream().flatMapToDouble(p -> Arrays.stream(d(p.array().getGradient()))).toArray();
                for (Parameter p : net.parameters()) {
                    ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.array());
                }
                if (first == null) {
                    first = g;
                } else {
                    assertThat(g).as("backward pass %d", rep).containsExactly(first);
                }
            }
        }
    }

    @Test
    void groupNormMatchesAHandComputedNormalisation() {
        int b = 2;
        int c = 6;
        int g = 3;
        int hw = 9;
        NDArray x = gaussian(m, 8, 2.0, b, c, 3, 3).add(1.5);
        NDArray gamma = gaussian(m, 9, 1.0, c);
        NDArray beta = gaussian(m, 10, 1.0, c);
        double[] y = d(GroupNorm.apply(x, g, gamma, beta));
        double[] xv = d(x);
        double[] gv = d(gamma);
        double[] bv = d(beta);
        int per = c / g * hw;
        for (int s = 0; s < b; s++) {
            for (int grp = 0; grp < g; grp++) {
                int from = s * c * hw + grp * per;
                double mean = 0;
                for (int i = 0; i < per; i++) {
                    mean += xv[from + i];
                }
                mean /= per;
                double var = 0;
                for (int i = 0; i < per; i++) {
                    var += (xv[from + i] - mean) * (xv[from + i] - mean);
                }
                var /= per;
                for (int i = 0; i < per; i++) {
                    int channel = grp * (c / g) + i / hw;
                    double expected = gv[channel] * (xv[from + i] - mean) / Math.sqrt(var + GroupNorm.EPSILON) + bv[channel];
                    assertThat(y[from + i]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
                }
            }
        }
    }

    @Test
    void timeEmbeddingChangesTheOutput() {
        try (UNet net = new UNet(tiny(11), m)) {
            perturbOutput(net, 12, 0.3);
            NDArray x = gaussian(m, 13, 1.0, 1, 64);
            double[] early = d(net.value(m.create(new double[] {0.1}, new Shape(1, 1)), x));
            double[] again = d(net.value(m.create(new double[] {0.1}, new Shape(1, 1)), x));
            double[] late = d(net.value(m.create(new double[] {0.7}, new Shape(1, 1)), x));
            assertThat(again).containsExactly(early);
            assertThat(relativeDifference(early, late)).isGreaterThan(1e-2);
        }
    }

    @Test
    void initialisationIsDeterministicAndSnapshotsRoundTrip() throws Exception {
        try (UNet a = new UNet(tiny(21), m); UNet same = new UNet(tiny(21), m); UNet other = new UNet(tiny(22), m)) {
            assertThat(a.snapshot().sameValues(same.snapshot())).isTrue();
            assertThat(a.snapshot().sameValues(other.snapshot())).isFalse();
            perturbOutput(a, 23, 0.5);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.snapshot().write(new DataOutputStream(bytes));
            ParameterSnapshot read = ParameterSnapshot.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            other.load(read);
            assertThat(other.snapshot().sameValues(a.snapshot())).isTrue();
            NDArray t = m.create(new double[] {0.4, 0.6}, new Shape(2, 1));
            NDArray x = gaussian(m, 24, 1.0, 2, 64);
            assertThat(d(other.value(t, x))).containsExactly(d(a.value(t, x)));
            assertThat(d(a.value(t, x))).isNotEqualTo(new double[128]);
        }
        try (UNet wide = new UNet(tiny(1).withBaseChannels(16), m); UNet small = new UNet(tiny(1), m)) {
            assertThatThrownBy(() -> small.load(wide.snapshot())).isInstanceOf(BadInputException.class);
        }
    }

    static double relativeDifference(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += a[i] * a[i];
        }
        return Math.sqrt(num / den);
    }

    /**
     * Float32 nets pad every channel count to a multiple of 16 (oneDNN, see UNet.CHANNEL_BLOCK); the
     * float64 net of the same seed is unpadded (ATen). Value and parameter gradient agree to float32
     * precision, so the padding changes nothing but the layout.
     */
    @Test
    void paddedFloat32ConvolutionsComputeTheUnpaddedNetwork() {
        try (UNet f64 = new UNet(tiny(9), m); UNet f32 = new UNet(tiny(9).withPrecision(Precision.FLOAT32), m)) {
            perturbOutput(f64, 4, 0.3);
            perturbOutput(f32, 4, 0.3);
            NDArray t = m.create(new double[] {0.1, 0.6}, new Shape(2, 1));
            NDArray x = gaussian(m, 8, 1.0, 2, 64);
            double[] a = d(f64.value(t, x));
            double[] b = d(f32.value(t.toType(ai.djl.ndarray.types.DataType.FLOAT32, false),
                    x.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)));
            double scale = Arrays.stream(a).map(Math::abs).max().orElseThrow();
            assertThat(scale).isPositive();
            for (int i = 0; i < a.length; i++) {
                assertThat(Math.abs(a[i] - b[i])).as("u[%d]", i).isLessThan(1e-5 * scale);
            }
            double[][] grads = new double[2][];
            UNet[] nets = {f64, f32};
            for (int k = 0; k < 2; k++) {
                ai.djl.ndarray.types.DataType type = nets[k].dataType();
                try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                    gc.backward(nets[k].value(t.toType(type, false), x.toType(type, false)).square().sum());
                }
                Parameter in = nets[k].parameters().stream().filter(p -> p.name().equals("in.weight")).findFirst().orElseThrow();
                grads[k] = d(in.array().getGradient());
                for (Parameter p : nets[k].parameters()) {
                    ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.array());
                }
            }
            double g = Arrays.stream(grads[0]).map(Math::abs).max().orElseThrow();
            assertThat(g).isPositive();
            for (int i = 0; i < grads[0].length; i++) {
                assertThat(Math.abs(grads[0][i] - grads[1][i])).as("∂/∂in.weight[%d]", i).isLessThan(1e-4 * g);
            }
        }
    }
}
