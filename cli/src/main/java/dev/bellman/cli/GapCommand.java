package dev.bellman.cli;

import dev.bellman.control.BadInputException;
import dev.bellman.diffusion.gap.GapConfig;
import dev.bellman.diffusion.gap.GapResult;
import dev.bellman.diffusion.gap.VerificationGap;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bellman gap MODEL}: the verification gap G(u), J, V and the identity E[J] − E[V] = G
 * (DESIGN.md §1.4), along {@code --n} reverse-SDE paths of the model's (EMA) control with
 * {@code --steps} Euler–Maruyama steps, in the engine's precision. Mixture data report {@code gap}
 * (exact u*), other data {@code gap_empirical} (the empirical-optimal control of the training set).
 */
@Command(name = "gap", mixinStandardHelpOptions = true, description = "Estimate the verification gap of a trained model.")
final class GapCommand extends RunCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A run directory written by train.")
    Path model;

    @Option(names = "--n", paramLabel = "N", defaultValue = "50000", description = "Paths (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Time steps (default ${DEFAULT-VALUE}).")
    int steps;

    /**
     * The validated invocation.
     *
     * @param model the run directory
     * @param paths --n
     * @param steps --steps
     */
    record Config(Path model, int paths, int steps) {
        Config {
            if (!Files.isDirectory(model)) {
                throw new BadInputException("MODEL " + model + " is not a directory (expected a run directory written by train)");
            }
            // GapConfig's checks, before anything is created.
            GapConfig.of(paths, steps);
        }
    }

    @Override
    protected String commandName() {
        return "gap";
    }

    @Override
    protected Object configuration() {
        return new Config(model, n, steps);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) {
        Config c = (Config) configuration;
        GapModelLoader.Loaded loaded = GapModelLoader.installed().load(c.model());
        GapConfig config = GapConfig.of(c.paths(), c.steps()).withSeed(context.engine().config().seed())
                .withDataType(context.engine().dataType());
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("gap").setInitialMax(c.paths())
                .setConsumer(new ConsoleProgressBarConsumer(context.diagnostics())).build()) {
            GapResult result = VerificationGap.estimate(loaded.model(), loaded.data(), config, (done, total) -> bar.stepTo(done));
            return GapReport.of(result);
        }
    }
}
