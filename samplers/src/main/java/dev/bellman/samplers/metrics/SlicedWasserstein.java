package dev.bellman.samplers.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scope;
import java.util.SplittableRandom;

/**
 * Sliced Wasserstein-2 distance (Rabin et al. 2011; Bonneel et al. 2015) between two equally large
 * samples: SW₂ = sqrt( mean over P random unit directions θ of W₂²(θᵀX, θᵀY) ), each 1-D W₂² the mean
 * squared difference of the sorted projections (the optimal 1-D coupling pairs order statistics).
 * The square root of the mean, not its square (DESIGN.md §4). Directions are drawn on the Java side
 * from the seed, uniform on the sphere; computed in float64, projections in chunks.
 */
public final class SlicedWasserstein {
    /** 1,000 projections (DESIGN.md, issue 7). */
    public static final int DEFAULT_PROJECTIONS = 1000;
    private static final int CHUNK = 100;

    private SlicedWasserstein() {}

    /**
     * @param x (n, D)
     * @param y (n, D), the same n
     */
    public static double distance(NDArray x, NDArray y, int projections, long seed) {
        long n = x.getShape().get(0);
        long d = x.getShape().get(1);
        if (y.getShape().get(0) != n || y.getShape().get(1) != d) {
            throw new IllegalArgumentException("sliced W2 compares equally large samples of one dimension, got "
                    + x.getShape() + " and " + y.getShape());
        }
        if (projections < 1) {
            throw new IllegalArgumentException("need at least one projection, got " + projections);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double total = 0;
        try (Scope scope = Scope.open()) {
            NDArray xd = x.toType(DataType.FLOAT64, true);
            NDArray yd = y.toType(DataType.FLOAT64, true);
            for (int from = 0; from < projections; from += CHUNK) {
                int p = Math.min(CHUNK, projections - from);
                double[] theta = new double[(int) d * p];
                for (int j = 0; j < p; j++) {
                    double norm = 0;
                    for (int i = 0; i < d; i++) {
                        double v = rng.nextGaussian();
                        theta[i * p + j] = v;
                        norm += v * v;
                    }
                    norm = Math.sqrt(norm);
                    for (int i = 0; i < d; i++) {
                        theta[i * p + j] /= norm;
                    }
                }
                try (Scope inner = Scope.open()) {
                    NDArray th = xd.getManager().create(theta, new Shape(d, p));
                    NDArray px = xd.matMul(th).sort(0);
                    NDArray py = yd.matMul(th).sort(0);
                    total += px.sub(py).square().sum().getDouble();
                }
            }
        }
        return Math.sqrt(total / ((double) n * projections));
    }
}
