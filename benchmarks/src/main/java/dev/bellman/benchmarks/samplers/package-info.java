/**
 * Sampler benchmarks: {@link dev.bellman.benchmarks.samplers.SamplingSpeed} (one child JVM per thread
 * count, the peer's workload: the product's ControlNet trained for 2,000 steps, then sampled by the
 * product's Euler–Maruyama sampler), run by {@link dev.bellman.benchmarks.samplers.SamplersSuiteRunner}.
 */
package dev.bellman.benchmarks.samplers;
