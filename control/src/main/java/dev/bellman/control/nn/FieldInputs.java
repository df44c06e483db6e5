package dev.bellman.control.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

/**
 * How a field feeds (t, x) to its network: the input is (t, x) (B, 1 + d) for a time-dependent
 * field, x (B, d) for a stationary one; and the constant forward-mode tangents eₓ₁..eₓ_d and eₜ
 * in that input space, built once.
 */
final class FieldInputs {
    final int dim;
    final boolean timeDependent;
    final int inputDim;
    final NDArray xTangents; // (1, d, p)
    final NDArray tTangent; // (1, 1, p) or null
    final NDArray xtTangents; // (1, d + 1, p) or null

    FieldInputs(Mlp mlp, int dim, boolean timeDependent) {
        this.dim = dim;
        this.timeDependent = timeDependent;
        this.inputDim = dim + (timeDependent ? 1 : 0);
        if (mlp.inputDim() != inputDim) {
            throw new IllegalArgumentException("a " + (timeDependent ? "time-dependent" : "stationary") + " field in d = "
                    + dim + " needs a network with " + inputDim + " inputs, got " + mlp.inputDim());
        }
        int p = inputDim;
        int off = timeDependent ? 1 : 0;
        double[] ex = new double[dim * p];
        for (int i = 0; i < dim; i++) {
            ex[i * p + off + i] = 1.0;
        }
        xTangents = mlp.manager().create(ex, new Shape(1, dim, p)).toType(mlp.dataType(), false);
        NDScope.unregister(xTangents);
        if (timeDependent) {
            double[] et = new double[p];
            et[0] = 1.0;
            tTangent = mlp.manager().create(et, new Shape(1, 1, p)).toType(mlp.dataType(), false);
            double[] ext = new double[(dim + 1) * p];
            System.arraycopy(ex, 0, ext, 0, ex.length);
            System.arraycopy(et, 0, ext, ex.length, p);
            xtTangents = mlp.manager().create(ext, new Shape(1, dim + 1, p)).toType(mlp.dataType(), false);
            NDScope.unregister(tTangent, xtTangents);
        } else {
            tTangent = null;
            xtTangents = null;
        }
    }

    /** The network input for (t (B, 1), x (B, d)). */
    NDArray input(NDArray t, NDArray x) {
        checkX(x);
        if (!timeDependent) {
            return x;
        }
        if (t == null) {
            throw new IllegalArgumentException("a time-dependent field needs t (B, 1)");
        }
        return NDArrays.concat(new NDList(t, x), 1);
    }

    /** Directions in x-space (·, K, d) as tangents in input space (·, K, p). */
    NDArray lift(NDArray directions) {
        Shape s = directions.getShape();
        if (s.dimension() != 3 || s.get(2) != dim) {
            throw new IllegalArgumentException("directions must be (B|1, K, " + dim + "), got " + s);
        }
        if (!timeDependent) {
            return directions;
        }
        NDArray zeros = directions.getManager().zeros(new Shape(s.get(0), s.get(1), 1), directions.getDataType());
        return NDArrays.concat(new NDList(zeros, directions), 2);
    }

    void checkX(NDArray x) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != dim) {
            throw new IllegalArgumentException("x must be (B, " + dim + "), got " + x.getShape());
        }
    }
}
