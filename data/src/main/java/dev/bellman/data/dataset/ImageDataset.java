package dev.bellman.data.dataset;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * 8-bit images (MNIST, an image folder), kept as bytes (a quarter of the memory of floats) and
 * scaled to [−1, 1] only when a batch is made, so that each batch can draw fresh dequantisation noise.
 *
 * @param pixels unsigned bytes, image after image, each (C, H, W) row-major
 * @param offset the first image of this view
 * @param size the number of images of this view
 * @param channels C (1 grey, 3 colour)
 * @param height H
 * @param width W
 * @param allLabels class labels for all images of {@code pixels}, not only this view (null if none)
 * @param classNames the name of each label (empty if none)
 */
public record ImageDataset(byte[] pixels, int offset, int size, int channels, int height, int width, int[] allLabels,
        List<String> classNames) implements Dataset {
    public ImageDataset {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape (" + channels + ", " + height + ", " + width + ") is empty");
        }
        long per = (long) channels * height * width;
        if (size < 0 || offset < 0 || (offset + (long) size) * per > pixels.length) {
            throw new IllegalArgumentException("images [" + offset + ", " + (offset + size) + ") do not fit in "
                    + pixels.length + " bytes");
        }
        if (allLabels != null && (long) allLabels.length * per != pixels.length) {
            throw new IllegalArgumentException(allLabels.length + " labels for " + pixels.length / per + " images");
        }
        classNames = List.copyOf(classNames);
    }

    @Override
    public Shape sampleShape() {
        return new Shape(channels, height, width);
    }

    @Override
    public boolean isImage() {
        return true;
    }

    @Override
    public Optional<int[]> labels() {
        return allLabels == null ? Optional.empty() : Optional.of(Arrays.copyOfRange(allLabels, offset, offset + size));
    }

    /** The raw 8-bit value of pixel {@code j} (0 ≤ j < C·H·W) of image {@code i}. */
    public int pixel(int i, int j) {
        return pixels[(offset + i) * sampleSize() + j] & 0xFF;
    }

    @Override
    public void gather(int[] indices, double[] dst, RandomGenerator dequantisation) {
        int per = sampleSize();
        for (int i = 0; i < indices.length; i++) {
            int idx = indices[i];
            if (idx < 0 || idx >= size) {
                throw new IndexOutOfBoundsException("image " + idx + " of " + size);
            }
            int src = (offset + idx) * per;
            int out = i * per;
            if (dequantisation == null) {
                for (int j = 0; j < per; j++) {
                    dst[out + j] = PixelScaling.toUnit(pixels[src + j] & 0xFF);
                }
            } else {
                for (int j = 0; j < per; j++) {
                    dst[out + j] = PixelScaling.dequantise(pixels[src + j] & 0xFF, dequantisation.nextDouble());
                }
            }
        }
    }

    @Override
    public Dataset range(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + size);
        }
        return new ImageDataset(pixels, offset + from, to - from, channels, height, width, allLabels, classNames);
    }

    /** How many images of each label this view holds (index = label). */
    public int[] classCounts() {
        int max = -1;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, allLabels == null ? -1 : allLabels[offset + i]);
        }
        int[] counts = new int[max + 1];
        for (int i = 0; i < size; i++) {
            counts[allLabels[offset + i]]++;
        }
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "ImageDataset(" + size + " × " + channels + " × " + height + " × " + width + ")";
    }
}
