package dev.bellman.cli;

import dev.bellman.benchmarks.BenchmarkRunner;
import dev.bellman.benchmarks.Suite;
import dev.bellman.benchmarks.control.ControlSuiteRunner;
import dev.bellman.benchmarks.diffusion.DiffusionSuiteRunner;
import dev.bellman.benchmarks.samplers.SamplersSuiteRunner;
import dev.bellman.benchmarks.finite.FiniteSuiteRunner;
import dev.bellman.benchmarks.qlearn.QlearnSuiteRunner;

/** The suites {@code bellman bench} runs: every suite whose capability has landed. */
final class BenchSuites {
    private BenchSuites() {}

    static BenchmarkRunner runner() {
        return BenchmarkRunner.standard()
                .with(Suite.CONTROL, new ControlSuiteRunner())
                .with(Suite.DIFFUSION, new DiffusionSuiteRunner())
                .with(Suite.SAMPLERS, new SamplersSuiteRunner())
                .with(Suite.FINITE, new FiniteSuiteRunner())
                .with(Suite.QLEARN, new QlearnSuiteRunner());
    }
}
