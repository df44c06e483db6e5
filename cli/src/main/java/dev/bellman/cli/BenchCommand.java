package dev.bellman.cli;

import dev.bellman.benchmarks.BenchConfig;
import dev.bellman.benchmarks.BenchReport;
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

    @Option(names = "--repeats", paramLabel = "N", description = "Runs per measurement (default: 1 with --quick, else 3).")
    Integer repeats;

    @Override
    protected String commandName() {
        return "bench";
    }

    @Override
    protected Object configuration() {
        BenchConfig c = BenchConfig.of(suite, quick);
        return repeats == null ? c : new BenchConfig(c.suites(), c.quick(), repeats);
    }

    @Override
    protected Object execute(RunContext context, Object configuration) throws Exception {
        BenchReport report = BenchSuites.runner().run((BenchConfig) configuration, context.runDirectory().path(),
                context.diagnostics()::println);
        context.runDirectory().writeText("bench.md", report.markdown());
        context.runDirectory().writeJson("bench.json", report);
        return report;
    }

    @Override
    protected void printHuman(Object result, java.io.PrintStream out) {
        BenchReport report = (BenchReport) result;
        out.print(report.markdown());
        out.println("machine: " + report.machine());
    }
}
