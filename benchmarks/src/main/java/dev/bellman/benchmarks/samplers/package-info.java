/**
 * Sampler benchmarks: {@link dev.bellman.benchmarks.samplers.SamplingSpeed} (one child JVM per thread
 * count, the peer's workload) on {@link dev.bellman.benchmarks.samplers.FourierMlpControl} (the peer's
 * network shape, random weights).
 */
package dev.bellman.benchmarks.samplers;
