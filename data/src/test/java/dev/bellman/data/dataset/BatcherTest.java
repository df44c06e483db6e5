package dev.bellman.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.TestSupport;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatcherTest {
    @Test
    void everyEpochVisitsEachSampleOnceAndBatchesDependOnlyOnSeedAndStep() {
        double[] v = new double[103 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Dataset data = VectorDataset.of(v, 2);
        Batcher batcher = new Batcher(data, 10, 42, false);
        assertThat(batcher.batchesPerEpoch()).isEqualTo(10);
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[103];
            for (int s = 0; s < 10; s++) {
                for (int i : batcher.indices(epoch * 10L + s)) {
                    seen[i]++;
                }
            }
            assertThat(Arrays.stream(seen).max().orElseThrow()).isEqualTo(1);
            assertThat(Arrays.stream(seen).sum()).isEqualTo(100);
        }
        assertThat(batcher.indices(0)).isNotEqualTo(batcher.indices(10));
        Batcher resumed = new Batcher(data, 10, 42, false);
        assertThat(resumed.indices(25)).containsExactly(batcher.indices(25));
        assertThat(new Batcher(data, 10, 43, false).indices(25)).isNotEqualTo(batcher.indices(25));
        try (NDManager manager = TestSupport.manager()) {
            NDArray x = batcher.batch(manager, DataType.FLOAT64, 7);
            assertThat(x.getShape()).isEqualTo(new Shape(10, 2));
            int first = batcher.indices(7)[0];
            assertThat(x.getDouble(0, 1)).isEqualTo(2 * first + 1);
        }
    }

    @Test
    void imageBatchesAreScaledOrDequantisedIntoTheirPixelIntervals() {
        int n = 40;
        byte[] px = new byte[n * 6];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 37);
        }
        ImageDataset images = new ImageDataset(px, 0, n, 1, 2, 3, null, List.of());
        try (NDManager manager = TestSupport.manager()) {
            Batcher plain = new Batcher(images, 8, 1, false);
            NDArray x = plain.batch(manager, DataType.FLOAT32, 3);
            assertThat(x.getShape()).isEqualTo(new Shape(8, 1, 2, 3));
            int[] idx = plain.indices(3);
            float[] xs = x.toFloatArray();
            Batcher deq = new Batcher(images, 8, 1, true);
            double[] ys = deq.batch(manager, DataType.FLOAT64, 3).toDoubleArray();
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 6; j++) {
                    int p = images.pixel(idx[i], j);
                    assertThat((double) xs[i * 6 + j]).isCloseTo(p / 255.0 * 2 - 1, within(1e-6));
                    double y = ys[i * 6 + j];
                    assertThat(y).isGreaterThanOrEqualTo(p / 128.0 - 1).isLessThan((p + 1) / 128.0 - 1);
                    assertThat(PixelScaling.quantise(y)).isEqualTo(p);
                    assertThat(PixelScaling.fromUnit(xs[i * 6 + j])).isEqualTo(p);
                }
            }
        }
    }

    @Test
    void dequantisationNoiseIsUniform() {
        // (p + U)/256·2 − 1 for p = 0: the mean of U is ½ and its variance 1/12.
        SplittableRandom rng = new SplittableRandom(3);
        int n = 100_000;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double u = (PixelScaling.dequantise(0, rng.nextDouble()) + 1) / 2 * 256;
            s += u;
            s2 += u * u;
        }
        assertThat(s / n).isCloseTo(0.5, within(5 * Math.sqrt(1.0 / 12 / n)));
        assertThat(s2 / n - Math.pow(s / n, 2)).isCloseTo(1.0 / 12, within(0.002));
        assertThat(PixelScaling.toUnit(0)).isEqualTo(-1);
        assertThat(PixelScaling.toUnit(255)).isEqualTo(1);
    }

    @Test
    void lastTenthIsHeldOut() {
        Dataset d = VectorDataset.of(new double[10_000], 1);
        Split s = Split.lastTenth(d);
        assertThat(s.train().size()).isEqualTo(9000);
        assertThat(s.heldOut().size()).isEqualTo(1000);
    }
}
