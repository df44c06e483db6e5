package dev.bellman.control;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import java.util.SplittableRandom;

/** Shared test helpers: a float64 one-thread engine and small array utilities. */
public final class TestSupport {
    private TestSupport() {}

    /** Starts (or reuses) the engine: seed 0, one thread, float64, CPU. */
    public static BellmanEngine engine() {
        return BellmanEngine.start(new EngineConfig(0L, 1, Precision.FLOAT64, DeviceKind.CPU));
    }

    public static NDManager manager() {
        return engine().newManager();
    }

    /** A (rows, cols) float64 array of N(0, scale²) entries from a Java-side seed. */
    public static NDArray gaussian(NDManager m, long seed, double scale, long... shape) {
        Shape s = new Shape(shape);
        double[] v = new double[(int) s.size()];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return m.create(v, s);
    }

    public static double[] d(NDArray a) {
        return a.getDataType() == DataType.FLOAT64 ? a.toDoubleArray() : a.toType(DataType.FLOAT64, true).toDoubleArray();
    }

    /** ‖a − b‖₂ / ‖b‖₂ (or the absolute error when b is tiny). */
    public static double relErr(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths " + a.length + " vs " + b.length);
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-12);
    }
}
