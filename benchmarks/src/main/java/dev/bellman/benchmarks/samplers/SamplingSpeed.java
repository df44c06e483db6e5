package dev.bellman.benchmarks.samplers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.VectorField;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.sde.ForwardSde;
import dev.bellman.diffusion.sde.VpSde;
import dev.bellman.samplers.SampleResult;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerKind;
import dev.bellman.samplers.TimeInput;
import java.util.Locale;

/**
 * Sampling speed on the peer's workload (../shared/peers/torch_dsm_toy.py): N samples × K
 * Euler–Maruyama steps of the VP reverse SDE with the peer's control network shape
 * ({@link FourierMlpControl}, random weights, plus the N(0, I) data's exact control so that samples
 * stay O(1) as with a trained network), in float32. Run once per thread count in its own JVM
 * ({@link dev.bellman.benchmarks.ChildJvm}); prints one line {@code RESULT {json}}.
 *
 * <p>Usage: {@code SamplingSpeed THREADS [N=10000] [STEPS=1000] [VARIANT=fast|plain] [REPEATS=1]}.
 * {@code zero}: u = 0 (the sampler's own overhead). {@code fast}: t shared by the batch (time features once per step) and fused layers; {@code plain}:
 * t per row through the core {@code Mlp.forward} (matmul + add + SiLU, features concatenated), the
 * straightforward DJL version. The best of REPEATS timed runs is reported, after a 20-step warm-up,
 * with the process CPU time of that run ({@code cpu_s}: on a loaded machine wall time overstates cost).
 */
public final class SamplingSpeed {
    private SamplingSpeed() {}

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        String variant = args.length > 3 ? args[3] : "fast";
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        BellmanEngine engine = BellmanEngine.start(EngineConfig.defaults().withThreads(threads).withPrecision(Precision.FLOAT32));
        try (NDManager manager = engine.newManager();
                FourierMlpControl net = new FourierMlpControl(manager, 2, 16, 128, 3, Precision.FLOAT32, 0L)) {
            boolean fast = !variant.equals("plain");
            VpSde sde = VpSde.defaults();
            VectorField field = variant.equals("zero") ? new ZeroField(2) : new Pulled(fast ? net : new PlainField(net), sde);
            ControlModel model = model(sde, field);
            SamplerConfig config = SamplerConfig.defaults(SamplerKind.EM).withSteps(steps)
                    .withTimeInput(fast ? TimeInput.SHARED : TimeInput.PER_ROW);
            SamplerConfig warm = config.withSteps(20);
            try (Scope s = Scope.open()) {
                warm.create().sample(model, manager, n, 1L);
            }
            double best = Double.POSITIVE_INFINITY;
            double bestCpu = 0;
            double checksum = 0;
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int r = 0; r < repeats; r++) {
                try (Scope s = Scope.open()) {
                    long cpu0 = os.getProcessCpuTime();
                    SampleResult res = config.create().sample(model, manager, n, 2L + r);
                    double cpu = (os.getProcessCpuTime() - cpu0) * 1e-9;
                    if (res.wallSeconds() < best) {
                        best = res.wallSeconds();
                        bestCpu = cpu;
                    }
                    checksum = res.samples().abs().mean().getFloat();
                }
            }
            double rate = (double) n * steps / best;
            System.out.printf(Locale.ROOT,
                    "RESULT {\"name\":\"sampling_em_%s\",\"threads\":%d,\"n\":%d,\"steps\":%d,\"wall_s\":%.3f,\"cpu_s\":%.3f,"
                            + "\"sample_steps_per_s\":%.1f,\"mean_abs\":%.4f}%n",
                    variant, threads, n, steps, best, bestCpu, rate, checksum);
        }
    }

    static ControlModel model(ForwardSde sde, VectorField control) {
        return new ControlModel() {
            @Override
            public ForwardSde sde() {
                return sde;
            }

            @Override
            public VectorField control() {
                return control;
            }

            @Override
            public Shape sampleShape() {
                return new Shape(control.dim());
            }
        };
    }

    /**
     * The random network plus the exact control of N(0, I) data, −g(t) x: keeps the samples O(1) like
     * a trained network's. Without it the reverse SDE inflates x by 1/m(T) ≈ 150, the SiLU layers see
     * pre-activations of ±100s, sigmoid underflows to float32 subnormals and every op slows down
     * about fivefold (measured): an artefact of random weights, not of the sampler.
     */
    private record Pulled(VectorField net, ForwardSde sde) implements VectorField {
        @Override
        public int dim() {
            return net.dim();
        }

        @Override
        public NDArray value(NDArray t, NDArray x) {
            return net.value(t, x).subi(x.mul(sde.diffusion(t)));
        }

        @Override
        public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
            return net.divergence(t, x, mode).subi(sde.diffusion(t).mul(x.getShape().get(1)));
        }
    }

    /** u = 0: the sampler's own cost without a network (variant {@code zero}). */
    private record ZeroField(int dim) implements VectorField {
        @Override
        public NDArray value(NDArray t, NDArray x) {
            return x.zerosLike();
        }

        @Override
        public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
            return x.getManager().zeros(new Shape(x.getShape().get(0), 1), x.getDataType());
        }
    }

    /** The straightforward path: per-row features, concatenation, the core Mlp.forward. */
    private record PlainField(FourierMlpControl net) implements VectorField {
        @Override
        public int dim() {
            return net.dim();
        }

        @Override
        public NDArray value(NDArray t, NDArray x) {
            return net.mlp().forward(net.input(t, x));
        }

        @Override
        public NDArray divergence(NDArray t, NDArray x, DivergenceMode mode) {
            return net.divergence(t, x, mode);
        }
    }
}
