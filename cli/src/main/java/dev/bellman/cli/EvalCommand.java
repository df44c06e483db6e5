package dev.bellman.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.field.DivergenceMode;
import dev.bellman.control.field.Probes;
import dev.bellman.control.random.StepRandom;
import dev.bellman.data.DataSource;
import dev.bellman.data.HostArrays;
import dev.bellman.data.dataset.Dataset;
import dev.bellman.data.toy.ToyDistribution;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.samplers.SampleResult;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerKind;
import dev.bellman.samplers.likelihood.BitsPerDim;
import dev.bellman.samplers.likelihood.Likelihood;
import dev.bellman.samplers.likelihood.LikelihoodConfig;
import dev.bellman.samplers.likelihood.LikelihoodResult;
import dev.bellman.samplers.metrics.SampleQuality;
import dev.bellman.samplers.metrics.SlicedWasserstein;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bellman eval MODEL}: sample-quality metrics beside their floors, NLL, bits/dim. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a trained model against its data.")
final class EvalCommand extends RunCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A run directory written by train.")
    Path model;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000", description = "Samples (default ${DEFAULT-VALUE}).")
    int n;

    @Override
    protected String commandName() {
        return "eval";
    }

    /** Data pairs behind each floor (the MMD² floor's sd is over these). */
    static final int FLOOR_REPEATS = 3;

    @Override
    protected Object configuration() {
        EvalSettings settings = new EvalSettings(model, n);
        if (!Files.isDirectory(model)) {
            throw new BadInputException("MODEL must be a run directory written by train, got " + model);
        }
        return settings;
    }

    @Override
    protected Object execute(RunContext context, Object configuration) throws Exception {
        EvalSettings settings = (EvalSettings) configuration;
        long seed = context.engine().config().seed();
        DataType type = context.engine().dataType();
        try (NDManager manager = context.engine().newManager(); Scope scope = Scope.open()) {
            ModelLoader.Loaded loaded = ModelLoader.installed().load(settings.model());
            ControlModel model = loaded.model();
            DataSource data = loaded.data();
            int count = settings.n();
            int dim = model.dim();
            SamplerConfig sampler = SamplerConfig.defaults(SamplerKind.EM);
            context.diagnostics().println("eval: sampling " + count + " with " + sampler.kind() + ", " + sampler.steps() + " steps");
            SampleResult samples = sampler.create().sample(model, manager, count, seed, SampleCommand.progress(context, sampler.steps()));
            SplittableRandom rng = new SplittableRandom(StepRandom.mix(seed, 0xE7A1L));
            context.diagnostics().println("eval: metrics against data and their floors");
            SampleQuality q = SampleQuality.compare(samples.samples(), k -> flat(data.sample(manager, type, k, rng), dim),
                    FLOOR_REPEATS, SlicedWasserstein.DEFAULT_PROJECTIONS, seed);
            NDArray heldOut = heldOut(data, manager, type, count, rng, dim);
            context.diagnostics().println("eval: likelihood of " + heldOut.getShape().get(0) + " held-out points");
            LikelihoodResult lik = new Likelihood(model, likelihoodConfig(data, dim, seed)).logDensity(heldOut);
            Double entropy = null;
            if (data instanceof DataSource.Infinite inf && inf.law() instanceof ToyDistribution toy && toy.entropy().isPresent()) {
                entropy = toy.entropy().getAsDouble();
            }
            Double bpd = data.isImage() ? BitsPerDim.of(lik.mean(), dim) : null;
            SampleCommand.closeModel(model);
            return new EvalSummary(count, q.mmd2(), q.mmd2Floor(), q.mmd2FloorSd(), q.sw2(), q.sw2Floor(), q.energy(),
                    q.energyFloor(), lik.nll(), entropy, bpd, lik.evaluations());
        }
    }

    /** Held-out images per probability-flow solve: a U-Net's backward pass keeps every activation of the batch. */
    static final int IMAGE_LIKELIHOOD_BATCH = 100;

    /**
     * The likelihood's settings: the defaults, but for images always Hutchinson's divergence (one
     * Rademacher probe fixed per solve, DESIGN.md §1.5), whatever D — the U-Net has no exact
     * divergence — in solves of {@value #IMAGE_LIKELIHOOD_BATCH} images.
     */
    static LikelihoodConfig likelihoodConfig(DataSource data, int dim, long seed) {
        LikelihoodConfig c = LikelihoodConfig.defaults(dim, seed);
        if (!data.isImage()) {
            return c;
        }
        return c.withDivergence(DivergenceMode.hutchinson(Probes.rademacher(1, dim, seed))).withBatch(IMAGE_LIKELIHOOD_BATCH);
    }

    /** Samples as flat rows (n, D) (images arrive as (n, C, H, W)). */
    static NDArray flat(NDArray x, int dim) {
        return x.reshape(x.getShape().get(0), dim);
    }

    /**
     * Held-out points: fresh draws of an endless law; for a finite set its held-out part, dequantised
     * for images (DESIGN.md §1.5), at most {@code count} of them.
     */
    static NDArray heldOut(DataSource data, NDManager manager, DataType type, int count, SplittableRandom rng, int dim) {
        if (data.split().isEmpty()) {
            return flat(data.sample(manager, type, count, rng), dim);
        }
        Dataset held = data.split().get().heldOut();
        int k = Math.min(count, held.size());
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        double[] values = new double[Math.multiplyExact(k, held.sampleSize())];
        held.gather(idx, values, held.isImage() ? rng : null);
        return HostArrays.toNDArray(manager, values, new Shape(k, dim), type);
    }
}
