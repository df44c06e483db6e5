package dev.bellman.control.finite;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Moves small double-precision arrays between the host and the engine (one call each). */
final class Host {
    private Host() {}

    static double[] flatten(double[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m[i], 0, out, i * cols, cols);
        }
        return out;
    }

    static double[][] rows(double[] flat, int cols) {
        double[][] out = new double[flat.length / cols][cols];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** The matrix (rows, cols) in {@code manager} as {@code type}. */
    static NDArray matrix(NDManager manager, double[][] m, DataType type) {
        return manager.create(flatten(m), new Shape(m.length, m[0].length)).toType(type, false);
    }

    /** An (n, cols) array from row-major values. */
    static NDArray array(NDManager manager, double[] v, long rows, long cols, DataType type) {
        return manager.create(v, new Shape(rows, cols)).toType(type, false);
    }

    /** The entries of an array in double precision, row-major. */
    static double[] doubles(NDArray a) {
        return a.getDataType() == DataType.FLOAT64 ? a.toDoubleArray() : a.toType(DataType.FLOAT64, true).toDoubleArray();
    }

    /** A (B, 1) array filled with t. */
    static NDArray times(NDManager manager, long batch, double t, DataType type) {
        return manager.ones(new Shape(batch, 1), type).mul(t);
    }
}
