package dev.bellman.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Moves row-major Java arrays into NDArrays (and back) with one native call per array: never one
 * NDArray per sample (DESIGN.md §5).
 */
public final class HostArrays {
    private HostArrays() {}

    /**
     * An NDArray of the given shape and type holding {@code flat} (row-major).
     *
     * @param type {@link DataType#FLOAT32} (values rounded to float) or {@link DataType#FLOAT64}
     * @throws IllegalArgumentException if the shape does not hold exactly {@code flat.length}
     *     values, or the type is not a floating type we support
     */
    public static NDArray toNDArray(NDManager manager, double[] flat, Shape shape, DataType type) {
        checkSize(flat.length, shape);
        if (type == DataType.FLOAT64) {
            return manager.create(flat, shape);
        }
        if (type == DataType.FLOAT32) {
            return manager.create(toFloats(flat), shape);
        }
        throw new IllegalArgumentException("data type " + type + " is not supported: use float32 or float64");
    }

    /** As {@link #toNDArray(NDManager, double[], Shape, DataType)}, from single precision values. */
    public static NDArray toNDArray(NDManager manager, float[] flat, Shape shape, DataType type) {
        checkSize(flat.length, shape);
        if (type == DataType.FLOAT32) {
            return manager.create(flat, shape);
        }
        if (type == DataType.FLOAT64) {
            return manager.create(toDoubles(flat), shape);
        }
        throw new IllegalArgumentException("data type " + type + " is not supported: use float32 or float64");
    }

    /** The values of a floating NDArray, row-major, widened to double. */
    public static double[] toDoubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        if (array.getDataType() == DataType.FLOAT32) {
            return toDoubles(array.toFloatArray());
        }
        try (NDArray wide = array.toType(DataType.FLOAT64, false)) {
            return wide.toDoubleArray();
        }
    }

    /** Rounds every value to single precision. */
    public static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** Widens every value to double precision (exactly). */
    public static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Splits a row-major array into {@code rows} rows of {@code cols} values. */
    public static double[][] rows(double[] flat, int rows, int cols) {
        if ((long) rows * cols != flat.length) {
            throw new IllegalArgumentException(rows + " × " + cols + " does not match " + flat.length + " values");
        }
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /** Joins equally long rows into one row-major array. */
    public static double[] flatten(double[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        int cols = rows[0].length;
        double[] out = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, out, i * cols, cols);
        }
        return out;
    }

    private static void checkSize(int length, Shape shape) {
        if (shape.size() != length) {
            throw new IllegalArgumentException("shape " + shape + " holds " + shape.size() + " values, got " + length);
        }
    }
}
