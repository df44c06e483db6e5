package dev.bellman.control.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Scalars}: the same values as DJL's {@code Number} overloads, bit for bit, and exact gradients
 * while a {@link GcChurn} thread frees and overwrites Java buffers between forward and backward (the
 * situation in which the overloads' scalars are read after being freed).
 */
class ScalarsTest {
    static NDManager m;

    @BeforeAll
    static void start() {
        m = BellmanEngine.current().newManager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    @Test
    void sameBitsAsDjlNumberOverloads() {
        double[] xs = {0.3, 1.7, 2.5, 10.0, 1e-3};
        double[] cs = {3.0, -0.5, 0.1, 1.0 / 3.0, 2.0};
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            try (NDManager sub = m.newSubManager()) {
                NDArray x = sub.create(xs).toType(type, false);
                for (double c : cs) {
                    same(Scalars.mul(x, c), x.mul(c));
                    same(Scalars.div(x, c), x.div(c));
                    same(Scalars.pow(x, c), x.pow(c));
                    same(Scalars.maximum(x, c), x.maximum(c));
                    same(Scalars.minimum(x, c), x.minimum(c));
                }
                // float and int numbers, as call sites pass them
                same(Scalars.mul(x, 2f), x.mul(2f));
                same(Scalars.mul(x, 3), x.mul(3));
                // A 0-dim array: DJL's float64 scalar promotes a 0-dim float32 result to float64.
                NDArray zeroDim = x.mean();
                for (double c : cs) {
                    same(Scalars.mul(zeroDim, c), zeroDim.mul(c));
                    same(Scalars.pow(zeroDim, c), zeroDim.pow(c));
                }
            }
        }
    }

    private static void same(NDArray a, NDArray b) {
        assertThat(a.getDataType()).isEqualTo(b.getDataType());
        assertThat(a.getShape()).isEqualTo(b.getShape());
        assertThat(a.toType(DataType.FLOAT64, false).toDoubleArray()).containsExactly(b.toType(DataType.FLOAT64, false).toDoubleArray());
    }

    @Test
    void gradientsAreExactWhileTheGcFreesJavaBuffers() throws InterruptedException {
        double[] xs = {1.5, 2.0, 3.0, 0.7};
        BiFunction<NDArray, Integer, NDArray> f = (x, i) -> Scalars.mul(x, 3.0).add(Scalars.pow(x, -0.5)).add(Scalars.div(x, 4.0))
                .add(Scalars.maximum(x, 1.8)).add(Scalars.minimum(x, 1.8)).sum();
        try (GcChurn churn = GcChurn.start(1)) {
            for (int rep = 0; rep < 20; rep++) {
                try (NDManager sub = m.newSubManager()) {
                    NDArray x = sub.create(xs);
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = BellmanEngine.current().engine().newGradientCollector()) {
                        NDArray y = f.apply(x, rep);
                        // Let the churn thread collect and overwrite freed buffers before backward.
                        Thread.sleep(15);
                        gc.backward(y);
                    }
                    double[] g = x.getGradient().toDoubleArray();
                    for (int i = 0; i < xs.length; i++) {
                        double expected = 3.0 - 0.5 * Math.pow(xs[i], -1.5) + 0.25 + (xs[i] > 1.8 ? 1 : 0) + (xs[i] < 1.8 ? 1 : 0);
                        assertThat(g[i]).as("rep %d, x = %s", rep, xs[i]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-14));
                    }
                }
            }
        }
    }
}
