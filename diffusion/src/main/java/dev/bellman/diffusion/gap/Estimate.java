package dev.bellman.diffusion.gap;

/**
 * A Monte Carlo mean with its standard error s/√n (s the sample standard deviation).
 *
 * @param mean the sample mean
 * @param standardError its standard error
 */
public record Estimate(double mean, double standardError) {

    /** Accumulates per-path values in double precision (Welford's algorithm, stable for large means). */
    static final class Moments {
        private long count;
        private double mean;
        private double m2;

        void add(double v) {
            count++;
            double delta = v - mean;
            mean += delta / count;
            m2 += delta * (v - mean);
        }

        long count() {
            return count;
        }

        Estimate estimate() {
            double variance = count > 1 ? m2 / (count - 1) : Double.NaN;
            return new Estimate(mean, Math.sqrt(variance / count));
        }
    }
}
