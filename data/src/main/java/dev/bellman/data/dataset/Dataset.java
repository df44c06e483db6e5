package dev.bellman.data.dataset;

import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A finite set of samples of one shape, kept on the Java side: vectors (d) or images (C, H, W).
 * Samples are delivered in model space (images in [−1, 1]); the {@link Batcher} turns them into
 * NDArrays.
 */
public interface Dataset {
    /** The number of samples N. */
    int size();

    /** The shape of one sample: (d) for vectors, (C, H, W) for images. */
    Shape sampleShape();

    /** The number of values in one sample (the product of {@link #sampleShape()}). */
    default int sampleSize() {
        return Math.toIntExact(sampleShape().size());
    }

    /** Whether the samples are images (shape (C, H, W)). */
    boolean isImage();

    /** Class labels 0..L−1 (length N), if the source had them. */
    Optional<int[]> labels();

    /**
     * Copies the samples {@code indices} into {@code dst} (row-major, sample i at i·sampleSize).
     *
     * @param dequantisation for 8-bit images, the generator of the dequantisation noise U (see
     *     {@link PixelScaling#dequantise}); null for the plain map p/255·2 − 1; ignored for data that
     *     are not 8-bit
     */
    void gather(int[] indices, double[] dst, RandomGenerator dequantisation);

    /** The samples from {@code from} (inclusive) to {@code to} (exclusive), sharing storage. */
    Dataset range(int from, int to);

    /** Every sample, row-major (N · sampleSize values). */
    default double[] toFlat() {
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double[] out = new double[Math.multiplyExact(size(), sampleSize())];
        gather(all, out, null);
        return out;
    }
}
