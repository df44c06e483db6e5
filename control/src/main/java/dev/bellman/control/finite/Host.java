package dev.bellman.control.finite;

import dev.bellman.control.problems.HostMatrix;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.Scalars;

/** Moves small double-precision arrays between the host and the engine (one call each). */
final class Host {
    private Host() {}

    static double[] flatten(double[][] m) {
        return HostMatrix.flatten(m);
    }

    static double[][] rows(double[] flat, int cols) {
        double[][] out = new double[flat.length / cols][cols];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    static double[][] transpose(double[][] m) {
        return HostMatrix.transpose(m);
    }

    /** The matrix (rows, cols) in {@code manager} as {@code type}. */
    static NDArray matrix(NDManager manager, double[][] m, DataType type) {
        return HostMatrix.of(manager, m, type);
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
        return Scalars.mul(manager.ones(new Shape(batch, 1), type), t);
    }
}
