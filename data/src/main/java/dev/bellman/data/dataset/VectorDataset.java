package dev.bellman.data.dataset;

import ai.djl.ndarray.types.Shape;
import dev.bellman.data.DataException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Samples given as real numbers (a CSV or .npy file, or values in memory), used as they are.
 *
 * @param values row-major samples, N · sampleSize values, all finite
 * @param offset the first sample of this view in {@code values}
 * @param size the number of samples N of this view
 * @param sampleShape (d), or (C, H, W) for images
 * @param image whether the samples are images
 */
public record VectorDataset(double[] values, int offset, int size, Shape sampleShape, boolean image) implements Dataset {
    public VectorDataset {
        long per = sampleShape.size();
        if (sampleShape.dimension() != 1 && sampleShape.dimension() != 3) {
            throw new DataException("a sample must have shape (d) or (C, H, W), got " + sampleShape);
        }
        if (per < 1 || size < 0 || offset < 0 || (offset + (long) size) * per > values.length) {
            throw new IllegalArgumentException("samples [" + offset + ", " + (offset + size) + ") of shape " + sampleShape
                    + " do not fit in " + values.length + " values");
        }
        if (image && sampleShape.dimension() != 3) {
            throw new IllegalArgumentException("images have shape (C, H, W), got " + sampleShape);
        }
    }

    /** All samples of {@code values}, vectors of dimension d. */
    public static VectorDataset of(double[] values, int d) {
        if (d < 1 || values.length % d != 0) {
            throw new DataException(values.length + " values do not make whole samples of dimension " + d);
        }
        return new VectorDataset(values, 0, values.length / d, new Shape(d), false);
    }

    @Override
    public boolean isImage() {
        return image;
    }

    @Override
    public Optional<int[]> labels() {
        return Optional.empty();
    }

    @Override
    public void gather(int[] indices, double[] dst, RandomGenerator dequantisation) {
        int per = sampleSize();
        for (int i = 0; i < indices.length; i++) {
            int idx = indices[i];
            if (idx < 0 || idx >= size) {
                throw new IndexOutOfBoundsException("sample " + idx + " of " + size);
            }
            System.arraycopy(values, (offset + idx) * per, dst, i * per, per);
        }
    }

    @Override
    public Dataset range(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + size);
        }
        return new VectorDataset(values, offset + from, to - from, sampleShape, image);
    }
}
