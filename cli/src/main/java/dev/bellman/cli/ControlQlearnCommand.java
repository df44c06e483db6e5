package dev.bellman.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bellman control qlearn}: model-free continuous-time Q-learning (DESIGN.md §1.2). */
@Command(name = "qlearn", mixinStandardHelpOptions = true, description = "Model-free continuous-time Q-learning.")
final class ControlQlearnCommand extends RunCommand {
    @Mixin
    ProblemOptions problem = new ProblemOptions();

    @Option(names = "--dt", paramLabel = "h", description = "Time step Δt of the transitions.")
    Double dt;

    @Option(names = "--steps", paramLabel = "N", description = "Learning steps.")
    Integer steps;

    @Option(names = "--richardson", description = "Learn at Δt and Δt/2 and combine the gains.")
    boolean richardson;

    @Option(names = "--transitions", paramLabel = "FILE", description = "Learn offline from logged transitions (.csv or .npy).")
    Path transitions;

    @Override
    protected String commandName() {
        return "control-qlearn";
    }

    @Override
    protected Object configuration() {
        throw new NotBuiltException("bellman control qlearn", 4);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) {
        throw new NotBuiltException("bellman control qlearn", 4);
    }
}
