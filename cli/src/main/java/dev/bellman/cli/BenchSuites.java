package dev.bellman.cli;

import dev.bellman.benchmarks.BenchmarkRunner;

/** The suites {@code bellman bench} runs: every suite whose capability has landed. */
final class BenchSuites {
    private BenchSuites() {}

    static BenchmarkRunner runner() {
        return BenchmarkRunner.standard();
    }
}
