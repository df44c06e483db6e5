package dev.bellman.cli;

import java.nio.file.Path;
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
        throw new NotBuiltException("bellman sample", 7);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) {
        throw new NotBuiltException("bellman sample", 7);
    }
}
