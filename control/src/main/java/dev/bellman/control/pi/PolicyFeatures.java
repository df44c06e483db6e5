package dev.bellman.control.pi;

import ai.djl.ndarray.NDArray;

/**
 * The input a policy network sees: the state itself, or its logarithm for a positive state whose
 * problem is scale-invariant (Merton: the optimal fractions do not depend on wealth, so a network in
 * ln x treats 0.5 and 5 alike).
 */
public enum PolicyFeatures {
    /** φ(x) = x. */
    IDENTITY,
    /** φ(x) = ln x, for x &gt; 0. */
    LOG;

    /** φ(x) (B, d). */
    public NDArray apply(NDArray x) {
        return this == LOG ? x.log() : x;
    }
}
