package dev.bellman.benchmarks.mnist;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.DeviceKind;
import dev.bellman.control.engine.EngineConfig;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Precision;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.random.StepRandom;
import dev.bellman.data.HostArrays;
import dev.bellman.data.plot.ImageGrid;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.samplers.Sampler;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerKind;
import dev.bellman.diffusion.reverse.ReverseSde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The MNIST image benchmark of issue 6: draws N digits from a trained image model with the reverse
 * SDE (by default this class's Euler–Maruyama in generative time τ, no noise on the last step,
 * stopping at τ = T − ε; or any sampler of the samplers module with {@code --sampler}; DESIGN.md
 * §1.5), writes a grid PNG of the first 100, and judges all of them with the {@link DigitClassifier}
 * ({@link SampleQuality}: ≥ 80 % with confidence ≥ 0.9, every class ≥ 5 %).
 *
 * <p>Train the model first, ≈ 30 minutes on CPU ({@code bellman train} picks the U-Net for mnist:
 * data, c = 32, 542,273 parameters; see BENCHMARKS.md for the measured steps/s and the exact run):
 * <pre>
 *   bellman --threads 1 --seed 0 --out runs/mnist train --data mnist:../shared/datasets/mnist10k \
 *       --steps 1300 --batch 64 --lr 1e-3 --ema 0.995
 * </pre>
 * then the classifier ({@link TrainDigitClassifier}), then
 * <pre>
 *   java -Dai.djl.offline=true -cp CLASSPATH dev.bellman.benchmarks.mnist.MnistDiffusion --model runs/mnist \
 *       --classifier runs/digit-classifier.blmp [--n 1000] [--steps 500] [--sampler em|ancestral|...]
 *       [--out runs/mnist-samples] [--threads 2]
 * </pre>
 * which prints {@code RESULT {json}} (the {@link SampleQuality} fields, sampler steps and wall time).
 *
 * <p>The model is read through a {@code Function<Path, ControlModel>} seam, {@link #MODEL_LOADER} in
 * {@link #main}: the trainer's checkpoint loader {@code TrainedModel.load} (EMA weights; tests may
 * pass closed-form models instead).
 */
public final class MnistDiffusion {
    /** A run directory written by {@code bellman train}, loaded with its EMA weights (DESIGN.md §1.4). */
    static final Function<Path, ControlModel> MODEL_LOADER = TrainedModel::load;

    /** The sampler of this class ({@link #sample}); any other name is a samplers-module {@link SamplerKind}. */
    public static final String OWN_EM = "em";

    private final Function<Path, ControlModel> loader;

    public MnistDiffusion(Function<Path, ControlModel> loader) {
        this.loader = loader;
    }

    /**
     * n samples x (n, D) in [−1, 1]-model space, drawn in chunks by Euler–Maruyama over the reverse SDE:
     * x ← x + (μ + Σu)Δτ + Σ√Δτ z with u = u(T − τ, x), the noise left out on the last step. The
     * engine is re-seeded per (chunk, step) from {@code seed}, so a run is reproducible.
     */
    public static float[] sample(ControlModel model, int n, int steps, int chunk, long seed, NDManager manager) {
        if (n < 1 || steps < 1 || chunk < 1) {
            throw new IllegalArgumentException("need n, steps and chunk ≥ 1, got " + n + ", " + steps + ", " + chunk);
        }
        int d = model.dim();
        ReverseSde reverse = new ReverseSde(model.sde(), d);
        double end = reverse.horizon() - model.sde().epsilon();
        double dt = end / steps;
        float[] out = new float[Math.multiplyExact(n, d)];
        StepRandom random = StepRandom.of(seed);
        try (GradMode off = GradMode.disabled()) {
            for (int from = 0; from < n; from += chunk) {
                int b = Math.min(chunk, n - from);
                StepRandom chunkRandom = random.stream(from);
                try (Scope chunkScope = Scope.open()) {
                    chunkRandom.forStep(-1).seedEngine();
                    NDArray x = model.sde().samplePrior(manager, new Shape(b, d), DataType.FLOAT32);
                    for (int k = 0; k < steps; k++) {
                        double tau = k * dt;
                        try (Scope step = Scope.open()) {
                            chunkRandom.forStep(k).seedEngine();
                            NDArray tauArray = manager.full(new Shape(b, 1), (float) tau, DataType.FLOAT32);
                            NDArray u = model.control().value(reverse.forwardTime(tauArray), x);
                            NDArray next = x.add(reverse.drift(tauArray, x, u).mul(dt));
                            if (k < steps - 1) {
                                next = next.add(manager.randomNormal(0f, 1f, new Shape(b, d), DataType.FLOAT32)
                                        .mul(reverse.sigma(tau) * Math.sqrt(dt)));
                            }
                            x.close();
                            x = step.keep(next.toType(DataType.FLOAT32, false));
                        }
                    }
                    System.arraycopy(HostArrays.toFloats(HostArrays.toDoubles(x)), 0, out, from * d, b * d);
                }
            }
        }
        return out;
    }

    /**
     * n samples (n, D) by a samplers-module sampler, in chunks of {@code chunk} (each chunk its own
     * solve, seeded from (seed, chunk start)).
     */
    public static float[] sample(SamplerConfig config, ControlModel model, int n, int chunk, long seed, NDManager manager) {
        int d = model.dim();
        float[] out = new float[Math.multiplyExact(n, d)];
        Sampler sampler = config.create();
        for (int from = 0; from < n; from += chunk) {
            int b = Math.min(chunk, n - from);
            try (NDManager m = manager.newSubManager()) {
                float[] x = HostArrays.toFloats(HostArrays.toDoubles(
                        sampler.sample(model, m, b, StepRandom.mix(seed, from)).samples()));
                System.arraycopy(x, 0, out, from * d, b * d);
            }
        }
        return out;
    }

    /** As {@link #run(Path, Path, int, int, String, long, Path, BellmanEngine)} with this class's Euler–Maruyama. */
    public Map<String, Object> run(Path modelDir, Path classifierFile, int n, int steps, long seed, Path outDir,
            BellmanEngine engine) throws Exception {
        return run(modelDir, classifierFile, n, steps, OWN_EM, seed, outDir, engine);
    }

    /**
     * Samples, writes {@code samples.png} (first 100, 10 columns) into {@code outDir}, and judges them.
     *
     * @param sampler {@value #OWN_EM} (this class's Euler–Maruyama) or a samplers-module name
     *     ({@code ancestral}, {@code reverse-diffusion}, {@code pc}, {@code ode-heun}, {@code ode-rk45})
     */
    public Map<String, Object> run(Path modelDir, Path classifierFile, int n, int steps, String sampler, long seed, Path outDir,
            BellmanEngine engine) throws Exception {
        SamplerConfig config = OWN_EM.equals(sampler) ? null : SamplerConfig.defaults(SamplerKind.parse(sampler)).withSteps(steps);
        ControlModel model = loader.apply(modelDir);
        try {
            return judge(model, classifierFile, n, steps, sampler, config, seed, outDir, engine);
        } finally {
            if (model instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    private Map<String, Object> judge(ControlModel model, Path classifierFile, int n, int steps, String sampler,
            SamplerConfig config, long seed, Path outDir, BellmanEngine engine) throws Exception {
        Shape shape = model.sampleShape();
        if (shape.dimension() != 3 || shape.get(0) != 1 || shape.get(1) != DigitClassifier.SIDE || shape.get(2) != DigitClassifier.SIDE) {
            throw new IllegalArgumentException("the MNIST benchmark needs a 1 × 28 × 28 image model, got " + shape);
        }
        Files.createDirectories(outDir);
        long t0 = System.nanoTime();
        try (NDManager m = engine.newManager(); DigitClassifier classifier = DigitClassifier.load(classifierFile, m)) {
            float[] x = config == null ? sample(model, n, steps, 100, seed, m) : sample(config, model, n, 100, seed, m);
            double sampleSeconds = (System.nanoTime() - t0) / 1e9;
            int shown = Math.min(n, 100);
            ImageGrid.write(outDir.resolve("samples.png"), java.util.Arrays.copyOf(x, shown * model.dim()), shown, 1,
                    DigitClassifier.SIDE, DigitClassifier.SIDE, 10);
            NDArray images = HostArrays.toNDArray(m, x, new Shape(n, model.dim()), DataType.FLOAT32).clip(-1, 1);
            SampleQuality quality = SampleQuality.of(classifier.classify(images));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("quality", quality);
            result.put("meets_target", quality.meetsTarget());
            result.put("n", n);
            result.put("sampler", sampler);
            result.put("steps", steps);
            result.put("sample_seconds", sampleSeconds);
            result.put("grid", outDir.resolve("samples.png").toAbsolutePath().toString());
            result.put("threads", engine.config().threads());
            if (model instanceof TrainedModel t) {
                result.put("model", t.config().net().getClass().getSimpleName() + " at step " + t.step());
            }
            return result;
        }
    }

    public static void main(String[] args) throws Exception {
        MnistArgs a = new MnistArgs(args);
        Path model = a.path("model", null);
        if (model == null) {
            throw new IllegalArgumentException("--model RUNDIR (a run directory written by bellman train) is required");
        }
        long seed = a.number("seed", 0);
        BellmanEngine engine = BellmanEngine.start(new EngineConfig(seed, a.integer("threads", 2), Precision.FLOAT32, DeviceKind.CPU));
        Map<String, Object> result = new MnistDiffusion(MODEL_LOADER).run(model,
                a.path("classifier", Path.of("runs", "digit-classifier.blmp")), a.integer("n", 1000), a.integer("steps", 500),
                a.string("sampler", OWN_EM), seed, a.path("out", Path.of("runs", "mnist-samples")), engine);
        System.out.println(MnistArgs.resultLine(result));
    }
}
