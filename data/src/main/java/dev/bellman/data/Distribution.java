package dev.bellman.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/**
 * A law on R^d that can be sampled without end: a toy distribution or a Gaussian mixture.
 *
 * <p>Sampling is done on the Java side in double precision from a caller-supplied generator (the
 * trainers derive it from (seed, step), so a resumed run replays the same draws) and becomes an
 * NDArray in one native call.
 */
public interface Distribution {
    /** The dimension d of a sample. */
    int dimension();

    /**
     * Draws {@code n} samples.
     *
     * @return the samples row-major, length n·d: sample i occupies {@code [i·d, (i+1)·d)}
     */
    double[] sampleFlat(int n, RandomGenerator rng);

    /** Draws {@code n} samples as rows {@code [n][d]}. */
    default double[][] sample(int n, RandomGenerator rng) {
        return HostArrays.rows(sampleFlat(n, rng), n, dimension());
    }

    /**
     * Draws {@code n} samples as an NDArray {@code x} (n, d) in {@code manager}, created in one call.
     *
     * @param type {@link DataType#FLOAT32} or {@link DataType#FLOAT64}
     */
    default NDArray sample(NDManager manager, DataType type, int n, RandomGenerator rng) {
        return HostArrays.toNDArray(manager, sampleFlat(n, rng), new Shape(n, dimension()), type);
    }
}
