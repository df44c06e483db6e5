package dev.bellman.cli;

import ai.djl.ndarray.NDManager;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Scope;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.samplers.SampleResult;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerKind;
import dev.bellman.samplers.SamplerListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bellman sample MODEL}: reverse-time samplers and the probability-flow ODE (DESIGN.md §1.5). */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Draw samples from a trained model.")
final class SampleCommand extends RunCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A run directory written by train.")
    Path model;

    @Option(names = "--sampler", paramLabel = "NAME", defaultValue = "em",
            description = "em|pc|ancestral|reverse-diffusion|ode-heun|ode-rk45 (default ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--n", paramLabel = "N", description = "Number of samples.")
    Integer n;

    @Option(names = "--eta", paramLabel = "X", description = "η ∈ [0, 1] between the reverse SDE (0) and the ODE (1).")
    Double eta;

    @Option(names = "--snr", paramLabel = "X", description = "Langevin corrector signal-to-noise ratio (default 0.16).")
    Double snr;

    @Option(names = "--rtol", paramLabel = "X", description = "RK45 relative tolerance (default 1e-5).")
    Double rtol;

    @Option(names = "--atol", paramLabel = "X", description = "RK45 absolute tolerance (default 1e-5).")
    Double atol;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write samples to FILE.png, .csv or .npy.")
    Path output;

    @Override
    protected String commandName() {
        return "sample";
    }

    @Override
    protected Object configuration() {
        SamplerKind kind = SamplerKind.parse(sampler);
        if (eta != null && kind != SamplerKind.EM) {
            throw new BadInputException("--eta applies to --sampler em (the η-family), not " + kind);
        }
        if (snr != null && kind != SamplerKind.PC) {
            throw new BadInputException("--snr applies to --sampler pc (the Langevin corrector), not " + kind);
        }
        if ((rtol != null || atol != null) && kind != SamplerKind.ODE_RK45) {
            throw new BadInputException("--rtol/--atol apply to --sampler ode-rk45, not " + kind);
        }
        SamplerConfig config = SamplerConfig.defaults(kind).withSteps(steps)
                .withEta(eta == null ? 0.0 : eta)
                .withSnr(snr == null ? SamplerConfig.DEFAULT_SNR : snr)
                .withTolerances(rtol == null ? SamplerConfig.DEFAULT_TOLERANCE : rtol, atol == null ? SamplerConfig.DEFAULT_TOLERANCE : atol);
        if (!Files.isDirectory(model)) {
            throw new BadInputException("MODEL must be a run directory written by train, got " + model);
        }
        return new SampleSettings(model, config, n, output);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) throws Exception {
        SampleSettings settings = (SampleSettings) configuration;
        try (NDManager manager = context.engine().newManager(); Scope scope = Scope.open()) {
            ModelLoader.Loaded loaded = ModelLoader.installed().load(settings.model());
            ControlModel model = loaded.model();
            boolean image = loaded.data() != null && loaded.data().isImage();
            int count = settings.samples(image);
            SamplerConfig config = settings.sampler();
            SampleResult r = config.create().sample(model, manager, count, context.engine().config().seed(),
                    progress(context, config.kind().deterministic() && config.kind() == SamplerKind.ODE_RK45 ? -1 : config.steps()));
            Path out = settings.output();
            if (out != null) {
                SampleOutput.of(out).write(out, r.samples(), model.sampleShape(), image);
            }
            double rate = r.wallSeconds() > 0 ? count * (double) r.steps() / r.wallSeconds() : 0.0;
            closeModel(model);
            return new SampleSummary(count, r.steps(), r.evaluations(), config.kind().cliName(), r.wallSeconds(), rate,
                    out == null ? null : out.toString());
        }
    }

    /** Progress on stderr every tenth of a fixed grid (every step of an adaptive solve). */
    static SamplerListener progress(RunContext context, int planned) {
        return step -> {
            boolean report = planned <= 0 || (step.index() + 1) % Math.max(1, planned / 10) == 0;
            if (report) {
                context.diagnostics().printf(Locale.ROOT, "sample: step %d%s, tau %.4f, nfe %d%n", step.index() + 1,
                        planned > 0 ? "/" + planned : "", step.tau(), step.evaluations());
            }
        };
    }

    /** Frees a loaded model's parameters (trained models own native memory). */
    static void closeModel(ControlModel model) throws Exception {
        if (model instanceof AutoCloseable c) {
            c.close();
        }
    }
}
