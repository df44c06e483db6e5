/**
 * Diffusion benchmarks: {@link dev.bellman.benchmarks.diffusion.IdentityCheck} (the verification identity
 * E[J] − E[V] = G on mixtures, exact and moved-off controls, Euler bias at N and 2N steps).
 */
package dev.bellman.benchmarks.diffusion;
