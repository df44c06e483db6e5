/**
 * The reverse-time controlled SDE, the one place where time flips:
 * {@link dev.bellman.diffusion.reverse.ReverseSde} (μ(x, τ) = −f(x, T − τ), Σ(τ) = g(T − τ), u = Σᵀs).
 */
package dev.bellman.diffusion.reverse;
