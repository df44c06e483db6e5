package dev.bellman.cli;

import dev.bellman.benchmarks.BenchmarkRunner;
import dev.bellman.benchmarks.Suite;
import dev.bellman.benchmarks.control.ControlSuiteRunner;
import dev.bellman.benchmarks.diffusion.DiffusionSuiteRunner;

/** The suites {@code bellman bench} runs: every suite whose capability has landed. */
final class BenchSuites {
    private BenchSuites() {}

    static BenchmarkRunner runner() {
        return BenchmarkRunner.standard()
                .with(Suite.CONTROL, new ControlSuiteRunner())
                .with(Suite.DIFFUSION, new DiffusionSuiteRunner());
    }
}
