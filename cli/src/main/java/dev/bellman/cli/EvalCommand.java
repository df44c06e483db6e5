package dev.bellman.cli;

import java.nio.file.Path;
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

    @Override
    protected Object configuration() {
        throw new NotBuiltException("bellman eval", 7);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) {
        throw new NotBuiltException("bellman eval", 7);
    }
}
