package dev.bellman.data.io;

import java.util.Arrays;

/**
 * A floating-point array as stored in a NumPy .npy file.
 *
 * @param shape the dimensions, e.g. (N, d), (N, H, W) or (N, C, H, W)
 * @param data the values, C order (row-major), widened to double (exact for float32 files)
 * @param float32 whether the file stores float32 ({@code <f4}) rather than float64 ({@code <f8})
 */
public record NpyArray(int[] shape, double[] data, boolean float32) {
    public NpyArray {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + data.length);
        }
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data) && float32 == a.float32;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NpyArray(" + Arrays.toString(shape) + (float32 ? ", float32)" : ", float64)");
    }
}
