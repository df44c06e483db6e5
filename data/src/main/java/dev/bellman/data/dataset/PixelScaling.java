package dev.bellman.data.dataset;

/**
 * Maps 8-bit pixels p ∈ {0..255} to model space [−1, 1] and back.
 *
 * <p>Two maps: the plain one, p/255·2 − 1 (0 → −1, 255 → 1), for training and display; and uniform
 * dequantisation (p + U)/256·2 − 1 with U ~ U[0, 1) (DESIGN.md §1.5), which turns the discrete
 * pixels into a density on [−1, 1) so that likelihoods in bits/dim are meaningful.
 */
public final class PixelScaling {
    private PixelScaling() {}

    /** p/255·2 − 1. */
    public static double toUnit(int pixel) {
        return pixel / 255.0 * 2 - 1;
    }

    /** The nearest pixel to a model-space value, the inverse of {@link #toUnit}; clipped to 0..255. */
    public static int fromUnit(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        long p = Math.round((value + 1) / 2 * 255);
        return (int) Math.max(0, Math.min(255, p));
    }

    /**
     * (p + u)/256·2 − 1, the dequantised value of pixel p given a uniform u ∈ [0, 1).
     */
    public static double dequantise(int pixel, double u) {
        return (pixel + u) / 256.0 * 2 - 1;
    }

    /** The pixel whose dequantisation interval [p/128 − 1, (p+1)/128 − 1) holds the value; clipped. */
    public static int quantise(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double p = Math.floor((value + 1) / 2 * 256);
        return (int) Math.max(0, Math.min(255, p));
    }
}
