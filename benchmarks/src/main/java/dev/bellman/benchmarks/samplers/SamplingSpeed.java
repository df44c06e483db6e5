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
import dev.bellman.control.nn.host.HostKernels;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.SdeSpec;
import dev.bellman.diffusion.train.TrainConfig;
import dev.bellman.diffusion.train.Weighting;
import dev.bellman.samplers.SampleResult;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerKind;
import dev.bellman.samplers.TimeInput;
import java.util.List;
import java.util.Locale;

/**
 * Sampling speed on the peer's workload (../shared/peers/torch_dsm_toy.py): the peer trains its
 * control net for TRAIN_STEPS steps, then draws N samples × K Euler–Maruyama steps of the VP reverse
 * SDE. Here the same: the product's own {@code ControlNet} (Fourier features of t, 3 × 128 SiLU)
 * trained by the product's {@code ScoreMatchingTrainer} on 8gaussians (batch 512, Adam 1e-3, float32),
 * then sampled from its EMA weights by the product's EM sampler, as {@code bellman sample} does. Run
 * once per thread count in its own JVM ({@link dev.bellman.benchmarks.ChildJvm}); prints one line
 * {@code RESULT {json}}.
 *
 * <p>Usage: {@code SamplingSpeed THREADS [N=10000] [STEPS=1000] [VARIANT=auto|djl|per-row|zero]
 * [REPEATS=1] [TRAIN_STEPS=2000]}. {@code auto}: the sampler's default time input (the network
 * computes its time features once per step, {@code TimeInput.AUTO}), on the host kernels when the JVM
 * has the Vector API ({@code dev.bellman.control.nn.host}); {@code djl}: the same with the host
 * kernels switched off, every layer a libtorch op; {@code per-row}: t as (B, 1),
 * features per row and concatenated, the straightforward DJL version; {@code zero}: u = 0, the
 * sampler's own overhead. The best of REPEATS timed runs is reported, after a 20-step warm-up, with the
 * process CPU time of that run ({@code cpu_s}: on a loaded machine wall time overstates cost).
 */
public final class SamplingSpeed {
    private SamplingSpeed() {}

    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        String variant = args.length > 3 ? args[3] : "auto";
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        long trainSteps = args.length > 5 ? Long.parseLong(args[5]) : 2000;
        if (!List.of("auto", "djl", "per-row", "zero").contains(variant)) {
            throw new IllegalArgumentException("variant must be auto, djl, per-row or zero, got " + variant);
        }
        if (variant.equals("djl")) {
            System.setProperty(HostKernels.PROPERTY, "false");
        }
        BellmanEngine engine = BellmanEngine.start(EngineConfig.defaults().withThreads(threads).withPrecision(Precision.FLOAT32));
        DataSource data = DataSpec.parse("8gaussians").open();
        TrainConfig train = new TrainConfig("8gaussians", 28, List.of(2L), SdeSpec.defaults(SdeKind.VP),
                ControlNetConfig.defaults(2, Precision.FLOAT32, 0), Weighting.EPS, trainSteps, 512, 1e-3, 0, 0.0, 0.999,
                Long.MAX_VALUE, 0);
        try (NDManager manager = engine.newManager()) {
            TrainedModel trained;
            try (ScoreMatchingTrainer trainer = ScoreMatchingTrainer.start(train, data, manager)) {
                for (long i = 0; i < trainSteps; i++) {
                    trainer.trainStep();
                }
                trained = trainer.emaModel();
            }
            try (TrainedModel net = trained) {
                ControlModel model = variant.equals("zero") ? ControlModel.withControl(net, new ZeroField(2)) : net;
                SamplerConfig config = SamplerConfig.defaults(SamplerKind.EM).withSteps(steps)
                        .withTimeInput(variant.equals("per-row") ? TimeInput.PER_ROW : TimeInput.AUTO);
                try (Scope s = Scope.open()) {
                    config.withSteps(20).create().sample(model, manager, n, 1L);
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
                        "RESULT {\"name\":\"sampling_em_%s\",\"threads\":%d,\"n\":%d,\"steps\":%d,\"train_steps\":%d,"
                                + "\"wall_s\":%.3f,\"cpu_s\":%.3f,\"sample_steps_per_s\":%.1f,\"mean_abs\":%.4f,\"host_kernels\":\"%s\"}%n",
                        variant, threads, n, steps, trainSteps, best, bestCpu, rate, checksum, HostKernels.status());
            }
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
}
