package dev.bellman.control.problems;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Small double-precision matrices moved onto the engine in one call each. */
public final class HostMatrix {
    private HostMatrix() {}

    public static double[] flatten(double[][] m) {
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m[i], 0, out, i * cols, cols);
        }
        return out;
    }

    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** The matrix (rows, cols) as an NDArray of {@code type} in {@code manager}. */
    public static NDArray of(NDManager manager, double[][] m, DataType type) {
        return manager.create(flatten(m), new Shape(m.length, m[0].length)).toType(type, false);
    }
}
