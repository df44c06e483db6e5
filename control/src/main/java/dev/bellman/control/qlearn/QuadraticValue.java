package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.engine.GradMode;
import dev.bellman.control.engine.Scalars;
import dev.bellman.control.engine.Scope;
import dev.bellman.control.nn.Parameter;
import dev.bellman.control.nn.ParameterSnapshot;
import java.util.List;

/**
 * V(x̃) = x̃ᵀSx̃ + θ₀ (B, 1): the value form of a {@link Structure.Form#LINEAR_QUADRATIC} task (−½xᵀPx − c on the
 * discretised problem, DiscretisedLqr), on states scaled without centring (x̃ = x/σ, so the form stays
 * homogeneous). It is all head: φ = [x̃ᵢx̃ⱼ (i ≤ j), 1], θ = [Sᵢᵢ, 2Sᵢⱼ (i &lt; j), θ₀], solved by LSTD, never by
 * gradient steps.
 */
final class QuadraticValue implements ValueModel {
    private final int d;
    private final NDManager manager;
    private final NDArray theta; // (p)
    private final NDArray selection; // (d·d, p − 1): x̃ᵢx̃ⱼ for i ≤ j from the flattened outer product
    private final int[][] pairs;

    QuadraticValue(int d, DataType type, NDManager parent) {
        this.d = d;
        this.manager = parent.newSubManager();
        int k = d * (d + 1) / 2;
        this.pairs = new int[k][];
        double[] sel = new double[d * d * k];
        int c = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                pairs[c] = new int[] {i, j};
                sel[(i * d + j) * k + c] = 1;
                c++;
            }
        }
        this.selection = manager.create(sel, new Shape((long) d * d, k)).toType(type, false);
        this.theta = manager.zeros(new Shape(k + 1), type);
        NDScope.unregister(selection, theta);
    }

    @Override
    public NDArray forward(NDArray xn) {
        return features(xn).matMul(theta.reshape(-1, 1));
    }

    @Override
    public NDArray features(NDArray xn) {
        long b = xn.getShape().get(0);
        NDArray outer = xn.expandDims(2).mul(xn.expandDims(1)).reshape(b, (long) d * d);
        return NDArrays.concat(new NDList(outer.matMul(selection), xn.getManager().ones(new Shape(b, 1), xn.getDataType())), 1);
    }

    @Override
    public void setHead(double[] values) {
        try (GradMode off = GradMode.disabled(); Scope scope = Scope.open()) {
            ParameterSnapshot.assign(theta, values);
        }
    }

    @Override
    public double[] head() {
        return ParameterSnapshot.toDoubles(theta);
    }

    @Override
    public List<Parameter> trainable() {
        return List.of();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("theta", theta));
    }

    /** S (d, d) from θ. */
    private double[] s() {
        double[] t = head();
        double[] s = new double[d * d];
        for (int c = 0; c < pairs.length; c++) {
            int i = pairs[c][0];
            int j = pairs[c][1];
            if (i == j) {
                s[i * d + i] = t[c];
            } else {
                s[i * d + j] = t[c] / 2;
                s[j * d + i] = t[c] / 2;
            }
        }
        return s;
    }

    /** 2x̃S. */
    @Override
    public NDArray gradient(NDArray xn) {
        NDArray s = xn.getManager().create(s(), new Shape(d, d)).toType(xn.getDataType(), false);
        return Scalars.mul(xn.matMul(s), 2);
    }

    /** 2S for every state. */
    @Override
    public NDArray hessian(NDArray xn) {
        NDArray s = xn.getManager().create(s(), new Shape(1, d, d)).toType(xn.getDataType(), false);
        return Scalars.mul(s, 2).repeat(0, xn.getShape().get(0));
    }

    @Override
    public void close() {
        manager.close();
    }
}
