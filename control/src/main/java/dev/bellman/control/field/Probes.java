package dev.bellman.control.field;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * A fixed set of K Rademacher probe vectors v ∈ {−1, +1}ⁿ for Hutchinson trace estimators
 * (Hutchinson 1990: E[vᵀMv] = Tr M when E[vvᵀ] = I).
 *
 * <p>Fixed and seeded, drawn on the Java side, so an estimate is a deterministic function of the
 * field (the probability-flow likelihood fixes its noise per solve) and a resumed run replays it.
 *
 * @param count K ≥ 1
 * @param dim n, the length of each probe (the noise dimension for a weighted trace, d for a divergence)
 * @param seed the seed the probes were drawn from
 * @param values row-major (K, n) entries, each ±1
 */
public record Probes(int count, int dim, long seed, double[] values) {
    public Probes {
        if (count < 1 || dim < 1) {
            throw new IllegalArgumentException("probes need count ≥ 1 and dim ≥ 1, got " + count + ", " + dim);
        }
        if (values == null || values.length != (long) count * dim) {
            throw new IllegalArgumentException("probe values must hold count·dim = " + count * dim + " entries");
        }
        values = values.clone();
    }

    /** K Rademacher probes of length n drawn from {@code seed}. */
    public static Probes rademacher(int count, int dim, long seed) {
        if (count < 1 || dim < 1) {
            throw new IllegalArgumentException("probes need count ≥ 1 and dim ≥ 1, got " + count + ", " + dim);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[count * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextBoolean() ? 1.0 : -1.0;
        }
        return new Probes(count, dim, seed, v);
    }

    /** The probes as a (K, n) array in {@code manager}. */
    public NDArray toArray(NDManager manager, DataType dataType) {
        return manager.create(values, new Shape(count, dim)).toType(dataType, false);
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
