package dev.bellman.samplers.likelihood;

/**
 * Bits per dimension of 8-bit images (DESIGN.md §1.5): with pixels k ∈ {0..255} dequantised and
 * scaled as x = (k + U)/256·2 − 1, a density p over x ∈ [−1, 1]^D is the density (256/2)^{−D}·p
 * over the dequantised pixels, so bits/dim = −log p/(D ln 2) + log₂(256/2) = −log p/(D ln 2) + 7.
 */
public final class BitsPerDim {
    private BitsPerDim() {}

    /** Bits/dim from a log-density (nats) of the scaled dequantised image x ∈ [−1, 1]^D. */
    public static double of(double logDensity, int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dim);
        }
        return -logDensity / (dim * Math.log(2)) + 7.0;
    }
}
