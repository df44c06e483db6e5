package dev.bellman.cli;

import dev.bellman.benchmarks.BenchmarkRunner;
import dev.bellman.benchmarks.Suite;
import dev.bellman.benchmarks.control.ControlSuiteRunner;

/** The suites {@code bellman bench} runs: every suite whose capability has landed. */
final class BenchSuites {
    private BenchSuites() {}

    static BenchmarkRunner runner() {
        return BenchmarkRunner.standard()
                .with(Suite.CONTROL, new ControlSuiteRunner());
    }
}
