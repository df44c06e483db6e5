package dev.bellman.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bellman control}: continuous-time control problems (policy iteration, Q-learning). */
@Command(name = "control", mixinStandardHelpOptions = true,
        description = "Solve continuous-time control problems with neural networks.",
        subcommands = {ControlPiCommand.class, ControlQlearnCommand.class})
final class ControlCommand implements Runnable {
    @picocli.CommandLine.Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "control needs a subcommand: pi or qlearn");
    }
}
