package dev.bellman.control.nn.host;

import java.util.SplittableRandom;

/** Float arrays for the host-kernel tests: seeded Gaussian entries, and widening to double. */
final class TestFloats {
    private TestFloats() {}

    /** n entries N(0, scale²) from {@code seed}, rounded to float. */
    static float[] gaussian(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return v;
    }

    /** The same values as doubles. */
    static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
