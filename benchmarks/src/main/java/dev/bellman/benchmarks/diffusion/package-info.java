/**
 * Diffusion benchmarks run as child-JVM mains ({@code RESULT {json}} on stdout):
 * {@link dev.bellman.benchmarks.diffusion.DsmTrainSpeed} (score-matching training steps/s and RSS on the
 * workload of ../shared/peers/torch_dsm_toy.py).
 */
package dev.bellman.benchmarks.diffusion;
