package dev.bellman.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bellman control pi}: neural policy iteration (DESIGN.md §1.2). */
@Command(name = "pi", mixinStandardHelpOptions = true, description = "Neural policy iteration.")
final class ControlPiCommand extends RunCommand {
    @Mixin
    ProblemOptions problem = new ProblemOptions();

    @Option(names = "--horizon", paramLabel = "T", description = "Horizon of a finite-horizon problem.")
    Double horizon;

    @Option(names = "--iterations", paramLabel = "N", description = "Policy iterations.")
    Integer iterations;

    @Override
    protected String commandName() {
        return "control-pi";
    }

    @Override
    protected Object configuration() {
        throw new NotBuiltException("bellman control pi", 3);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) {
        throw new NotBuiltException("bellman control pi", 3);
    }
}
