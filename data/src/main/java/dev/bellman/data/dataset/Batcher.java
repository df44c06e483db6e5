package dev.bellman.data.dataset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.HostArrays;
import java.util.SplittableRandom;

/**
 * Seeded, shuffled mini-batches of a finite data set, each made into an NDArray in one native call.
 *
 * <p>Batch {@code step} is a pure function of (seed, step): epoch e = ⌊step / batchesPerEpoch⌋ visits
 * the samples in a permutation drawn from (seed, e), and batch step takes the next B of them (the last
 * N mod B samples of an epoch are skipped, so every batch has B samples). A resumed run therefore sees
 * exactly the batches it would have seen, with no state to save. Not thread-safe (it caches the current
 * epoch's permutation).
 */
public final class Batcher {
    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final boolean dequantise;
    private long cachedEpoch = -1;
    private int[] permutation;

    /**
     * @param data the samples (at least {@code batchSize} of them)
     * @param batchSize B ≥ 1
     * @param seed the run's seed
     * @param dequantise whether 8-bit images get uniform dequantisation noise (fresh each step)
     */
    public Batcher(Dataset data, int batchSize, long seed, boolean dequantise) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        if (data.size() < batchSize) {
            throw new IllegalArgumentException("batch size " + batchSize + " exceeds the " + data.size() + " training samples");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dequantise = dequantise;
    }

    /** Full batches in one pass over the data: ⌊N / B⌋. */
    public int batchesPerEpoch() {
        return data.size() / batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The indices of the samples in batch {@code step} (step ≥ 0). */
    public int[] indices(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be ≥ 0, got " + step);
        }
        long epoch = step / batchesPerEpoch();
        int position = (int) (step % batchesPerEpoch());
        if (epoch != cachedEpoch) {
            permutation = permutation(data.size(), new SplittableRandom(mix(seed, epoch)));
            cachedEpoch = epoch;
        }
        int[] out = new int[batchSize];
        System.arraycopy(permutation, position * batchSize, out, 0, batchSize);
        return out;
    }

    /**
     * Batch {@code step} as an NDArray {@code x} (B, ...sample shape) in {@code manager}.
     *
     * @param type float32 or float64
     */
    public NDArray batch(NDManager manager, DataType type, long step) {
        int[] idx = indices(step);
        double[] values = new double[Math.multiplyExact(batchSize, data.sampleSize())];
        data.gather(idx, values, dequantise ? new SplittableRandom(mix(~seed, step)) : null);
        long[] dims = new long[data.sampleShape().dimension() + 1];
        dims[0] = batchSize;
        System.arraycopy(data.sampleShape().getShape(), 0, dims, 1, dims.length - 1);
        return HostArrays.toNDArray(manager, values, new Shape(dims), type);
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A well-mixed 64-bit seed from two numbers (SplitMix64 finaliser), so nearby steps are unrelated. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
