/**
 * JMH micro-benchmarks of the hot paths: {@link dev.bellman.benchmarks.micro.MlpBench} (MLP forward and
 * forward + backward), {@link dev.bellman.benchmarks.micro.GeneratorBench} (the exact generator: full Hessian,
 * column trace and Hutchinson as d grows). Run: see BENCHMARKS.md.
 */
package dev.bellman.benchmarks.micro;
