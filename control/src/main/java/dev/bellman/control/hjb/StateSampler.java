package dev.bellman.control.hjb;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import java.util.random.RandomGenerator;

/**
 * A distribution of states to train or evaluate on, drawn on the Java side (so a
 * {@link dev.bellman.control.random.StepSeed#generator() per-step generator} makes it replayable).
 */
@FunctionalInterface
public interface StateSampler {

    /** n states (n, d) in {@code manager}. */
    NDArray sample(int n, RandomGenerator rng, NDManager manager, DataType dataType);

    /** N(mean, diag(std²)). */
    static StateSampler gaussian(double[] mean, double[] std) {
        if (mean.length != std.length || mean.length == 0) {
            throw new BadInputException("gaussian states need mean and std of the same positive length");
        }
        double[] mu = mean.clone();
        double[] sd = std.clone();
        return (n, rng, manager, dt) -> {
            int d = mu.length;
            double[] v = new double[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    v[i * d + j] = mu[j] + sd[j] * rng.nextGaussian();
                }
            }
            return manager.create(v, new Shape(n, d)).toType(dt, false);
        };
    }

    /** Uniform on the box Πᵢ [lowᵢ, highᵢ]. */
    static StateSampler uniform(double[] low, double[] high) {
        if (low.length != high.length || low.length == 0) {
            throw new BadInputException("uniform states need low and high of the same positive length");
        }
        double[] lo = low.clone();
        double[] hi = high.clone();
        return (n, rng, manager, dt) -> {
            int d = lo.length;
            double[] v = new double[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    v[i * d + j] = lo[j] + (hi[j] - lo[j]) * rng.nextDouble();
                }
            }
            return manager.create(v, new Shape(n, d)).toType(dt, false);
        };
    }

    /**
     * A fixed set of states (count, d), row-major; every call returns them all (n and rng are
     * ignored): the evaluation grids of DESIGN.md §1.3.
     */
    static StateSampler fixed(double[] rowMajor, int d) {
        if (d < 1 || rowMajor.length % d != 0) {
            throw new BadInputException("fixed states: " + rowMajor.length + " values do not make rows of " + d);
        }
        double[] v = rowMajor.clone();
        return (n, rng, manager, dt) -> manager.create(v, new Shape(v.length / d, d)).toType(dt, false);
    }

    /** {@code count} points evenly on [lo, hi] in one dimension (e.g. 201 on [−2, 2]). */
    static StateSampler grid(double lo, double hi, int count) {
        if (count < 2 || !(lo < hi)) {
            throw new BadInputException("a grid needs lo < hi and at least 2 points");
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = lo + (hi - lo) * i / (count - 1);
        }
        return fixed(v, 1);
    }
}
