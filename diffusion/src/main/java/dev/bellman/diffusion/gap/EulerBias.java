package dev.bellman.diffusion.gap;

/**
 * The same estimate at N and 2N steps (independent paths): Euler–Maruyama's bias in the identity
 * residual is O(Δτ), so it should about halve, unless it is already below the Monte Carlo error.
 *
 * @param coarse N steps
 * @param fine 2N steps
 */
public record EulerBias(GapResult coarse, GapResult fine) {}
