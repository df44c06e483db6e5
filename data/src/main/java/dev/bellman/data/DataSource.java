package dev.bellman.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.dataset.Dataset;
import dev.bellman.data.dataset.Split;
import dev.bellman.data.mixture.GaussianMixture;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What a trainer samples from: an endless law (a toy or a mixture) or a finite data set with a
 * train / held-out split. It says whether an exact mixture is known (the verification gap then uses
 * the exact optimal control) and whether the samples are images of shape (C, H, W).
 */
public sealed interface DataSource {
    /** The specification this source was opened from. */
    DataSpec spec();

    /** The shape of one sample: (d), or (C, H, W) for images. */
    Shape sampleShape();

    /** Whether the samples are images. */
    boolean isImage();

    /** The exact data law as a Gaussian mixture, when there is one (8gaussians, 25gaussians, gmm:FILE). */
    Optional<GaussianMixture> exactMixture();

    /** The train / held-out split of a finite data set; empty for endless laws. */
    Optional<Split> split();

    /**
     * Draws a batch {@code x} (n, ...sample shape): fresh samples of an endless law, or training samples
     * drawn uniformly with replacement (images with dequantisation noise) from a finite set. For epoch
     * shuffling of a finite set use a {@link dev.bellman.data.dataset.Batcher} on {@code split().train()}.
     */
    NDArray sample(NDManager manager, DataType type, int n, RandomGenerator rng);

    /** An endless law. */
    record Infinite(DataSpec spec, Distribution law, Optional<GaussianMixture> exactMixture) implements DataSource {
        @Override
        public Shape sampleShape() {
            return new Shape(law.dimension());
        }

        @Override
        public boolean isImage() {
            return false;
        }

        @Override
        public Optional<Split> split() {
            return Optional.empty();
        }

        @Override
        public NDArray sample(NDManager manager, DataType type, int n, RandomGenerator rng) {
            return law.sample(manager, type, n, rng);
        }
    }

    /** A finite data set. */
    record Finite(DataSpec spec, Split data) implements DataSource {
        @Override
        public Shape sampleShape() {
            return data.train().sampleShape();
        }

        @Override
        public boolean isImage() {
            return data.train().isImage();
        }

        @Override
        public Optional<GaussianMixture> exactMixture() {
            return Optional.empty();
        }

        @Override
        public Optional<Split> split() {
            return Optional.of(data);
        }

        @Override
        public NDArray sample(NDManager manager, DataType type, int n, RandomGenerator rng) {
            Dataset train = data.train();
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = rng.nextInt(train.size());
            }
            double[] values = new double[Math.multiplyExact(n, train.sampleSize())];
            train.gather(idx, values, train.isImage() ? rng : null);
            long[] dims = new long[sampleShape().dimension() + 1];
            dims[0] = n;
            System.arraycopy(sampleShape().getShape(), 0, dims, 1, dims.length - 1);
            return HostArrays.toNDArray(manager, values, new Shape(dims), type);
        }
    }
}
