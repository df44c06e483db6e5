package dev.bellman.benchmarks;

import java.util.List;

/** Measures one suite's workloads and returns its rows. */
@FunctionalInterface
public interface SuiteRunner {
    List<BenchRow> run(SuiteContext context) throws Exception;
}
