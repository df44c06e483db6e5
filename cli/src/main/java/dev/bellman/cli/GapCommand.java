package dev.bellman.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bellman gap MODEL}: the verification gap G(u), J, V and the identity E[J] − E[V] = G (DESIGN.md §1.4). */
@Command(name = "gap", mixinStandardHelpOptions = true, description = "Estimate the verification gap of a trained model.")
final class GapCommand extends RunCommand {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A run directory written by train.")
    Path model;

    @Option(names = "--n", paramLabel = "N", defaultValue = "50000", description = "Paths (default ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Time steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Override
    protected String commandName() {
        return "gap";
    }

    @Override
    protected Object configuration() {
        throw new NotBuiltException("bellman gap", 6);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) {
        throw new NotBuiltException("bellman gap", 6);
    }
}
