/**
 * Diffusion benchmarks run as child-JVM mains ({@code RESULT {json}} on stdout):
 * {@link dev.bellman.benchmarks.diffusion.DsmTrainSpeed} (score-matching training steps/s and RSS on the
 * workload of ../shared/peers/torch_dsm_toy.py), {@link dev.bellman.benchmarks.diffusion.IdentityCheck}
 * (the verification identity E[J] − E[V] = G on mixtures, exact and moved-off controls, Euler bias at N
 * and 2N steps); {@link dev.bellman.benchmarks.diffusion.DiffusionSuiteRunner} and
 * {@link dev.bellman.benchmarks.diffusion.DsmPeer} put them in {@code bellman bench}.
 */
package dev.bellman.benchmarks.diffusion;
