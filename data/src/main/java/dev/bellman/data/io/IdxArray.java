package dev.bellman.data.io;

/**
 * The content of an IDX file of unsigned bytes: its dimensions and its values, row-major.
 *
 * @param dims the dimensions, e.g. (N, 28, 28) for images or (N) for labels
 * @param data the unsigned bytes, product(dims) of them
 */
public record IdxArray(int[] dims, byte[] data) {
    public IdxArray {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative IDX dimension " + d);
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("IDX dimensions hold " + n + " values, got " + data.length);
        }
        dims = dims.clone();
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }
}
