/**
 * Benchmarks: end-to-end suites against closed forms and PyTorch peers, and JMH micro-benchmarks.
 *
 * <ul>
 *   <li>{@link dev.bellman.benchmarks.BenchmarkRunner}, {@link dev.bellman.benchmarks.BenchConfig},
 *       {@link dev.bellman.benchmarks.Suite}, {@link dev.bellman.benchmarks.SuiteRunner},
 *       {@link dev.bellman.benchmarks.SuiteContext}: the {@code bellman bench} harness.</li>
 *   <li>{@link dev.bellman.benchmarks.BenchRow}, {@link dev.bellman.benchmarks.BenchReport}: the table (JSON of
 *       DESIGN.md §4 and Markdown).</li>
 *   <li>{@link dev.bellman.benchmarks.ChildJvm}: one JVM per thread count; {@link dev.bellman.benchmarks.PythonPeer}:
 *       the PyTorch peers of ../shared/peers.</li>
 * </ul>
 */
package dev.bellman.benchmarks;
