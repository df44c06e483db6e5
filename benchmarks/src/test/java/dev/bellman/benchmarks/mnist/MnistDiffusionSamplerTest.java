package dev.bellman.benchmarks.mnist;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.VpSde;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's Euler–Maruyama sampler, driven by the exact optimal control for Gaussian data
 * N(0, σ₀² I) under the VP SDE: p_t = N(0, (m²σ₀² + s²) I), u* = g ∇log p_t = −g x / (m²σ₀² + s²).
 * The samples' variance must come back to σ₀² (within Monte Carlo error and the O(Δτ) bias), and a
 * zero control must not (it ends near the prior's scale instead).
 */
class MnistDiffusionSamplerTest {
    static final double SIGMA0 = 0.3;
    static final int D = 16;

    static ControlModel gaussianModel(ForwardSde sde, boolean optimal) {
        VectorField u = new VectorField() {
            @Override
            public int dim() {
                return D;
            }

            @Override
            public NDArray value(NDArray t, NDArray x) {
                if (!optimal) {
                    return x.zerosLike();
                }
                NDArray m = sde.meanScale(t);
                NDArray variance = m.square().mul(SIGMA0 * SIGMA0).add(sde.std(t).square());
                return x.mul(sde.diffusion(t).neg().div(variance));
            }

            @Override
            public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
                throw new UnsupportedOperationException();
            }
        };
        return new ControlModel() {
            @Override
            public ForwardSde sde() {
                return sde;
            }

            @Override
            public VectorField control() {
                return u;
            }

            @Override
            public Shape sampleShape() {
                return new Shape(1, 4, 4);
            }
        };
    }

    static double variance(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s / x.length;
    }

    @Test
    void exactControlRecoversTheDataVariance() {
        BellmanEngine engine = BellmanEngine.start(new EngineConfig(0L, 1, Precision.FLOAT64, DeviceKind.CPU));
        VpSde sde = VpSde.defaults();
        try (NDManager m = engine.newManager()) {
            int n = 1000;
            float[] x = MnistDiffusion.sample(gaussianModel(sde, true), n, 200, 500, 7, m);
            double v = variance(x);
            // n·D = 16,000 squares: relative standard error of the variance √(2/16000) ≈ 1.1 %.
            System.out.printf("sample variance %.5f vs σ₀² = %.5f%n", v, SIGMA0 * SIGMA0);
            assertThat(Math.abs(v / (SIGMA0 * SIGMA0) - 1)).isLessThan(0.06);
            float[] again = MnistDiffusion.sample(gaussianModel(sde, true), n, 200, 500, 7, m);
            assertThat(again).as("seeded per (chunk, step)").containsExactly(x);
            double zero = variance(MnistDiffusion.sample(gaussianModel(sde, false), 200, 200, 200, 7, m));
            assertThat(zero).as("u = 0 does not reach the data").isGreaterThan(3 * SIGMA0 * SIGMA0);
        }
    }
}
