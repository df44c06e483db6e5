package dev.bellman.diffusion.net.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import java.util.SplittableRandom;

/** Helpers for the U-Net tests: a float64 one-thread engine, tiny configurations, seeded arrays. */
final class UNetTestSupport {
    private UNetTestSupport() {}

    static BellmanEngine engine() {
        return BellmanEngine.start(new EngineConfig(0L, 1, Precision.FLOAT64, DeviceKind.CPU));
    }

    /** 1 × 8 × 8 images, c = 8, G = 2, E = 16, float64. */
    static UNetConfig tiny(long seed) {
        return new UNetConfig(1, 8, 8, 8, 2, 16, Precision.FLOAT64, seed);
    }

    static NDArray gaussian(NDManager m, long seed, double scale, long... shape) {
        Shape s = new Shape(shape);
        double[] v = new double[(int) s.size()];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return m.create(v, s);
    }

    static double[] d(NDArray a) {
        return a.getDataType() == DataType.FLOAT64 ? a.toDoubleArray() : a.toType(DataType.FLOAT64, true).toDoubleArray();
    }

    /** Overwrites the zero-initialised output convolution with N(0, scale²) weights, so the net is not ≡ 0. */
    static void perturbOutput(UNet net, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Parameter p : net.parameters()) {
            if (p.name().startsWith("out.") && !p.name().startsWith("out.norm")) {
                double[] v = new double[(int) p.array().size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = scale * r.nextGaussian();
                }
                ParameterSnapshot.assign(p.array(), v);
            }
        }
    }
}
