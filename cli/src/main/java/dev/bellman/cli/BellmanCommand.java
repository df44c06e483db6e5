package dev.bellman.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root command {@code bellman}. */
@Command(
        name = "bellman",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Diffusion models as stochastic optimal control, and neural HJB solvers, on the JVM.",
            "Exit codes: 0 success, 1 failure while running, 2 bad usage or bad input."
        },
        subcommands = {
            TrainCommand.class,
            SampleCommand.class,
            GapCommand.class,
            EvalCommand.class,
            ControlCommand.class,
            BenchCommand.class
        })
public final class BellmanCommand implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
