package dev.bellman.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bellman bench}: side-by-side benchmarks against closed forms and peers. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run the benchmark suites.")
final class BenchCommand extends RunCommand {
    @Option(names = "--quick", description = "A quick run (under 5 minutes).")
    boolean quick;

    @Option(names = "--suite", paramLabel = "NAME", defaultValue = "all",
            description = "control|qlearn|diffusion|samplers|finite|all (default ${DEFAULT-VALUE}).")
    String suite;

    @Override
    protected String commandName() {
        return "bench";
    }

    @Override
    protected Object configuration() {
        throw new NotBuiltException("bellman bench", 8);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) {
        throw new NotBuiltException("bellman bench", 8);
    }
}
