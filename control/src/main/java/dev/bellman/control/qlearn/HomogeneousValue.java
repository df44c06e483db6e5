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
 * The value form of a {@link Structure.Form#HOMOGENEOUS} task of degree p on one positive scaled state x̃ (B, 1):
 * V = θx̃^p, or θ₁ log x̃ + θ₀ for p = 0 (B, 1). All head (φ = [x̃^p] or [log x̃, 1]); set by policy iteration,
 * never by gradient steps.
 */
final class HomogeneousValue implements ValueModel {
    private final double p;
    private final NDManager manager;
    private final NDArray theta;

    HomogeneousValue(double degree, DataType type, NDManager parent) {
        this.p = degree;
        this.manager = parent.newSubManager();
        this.theta = manager.zeros(new Shape(degree == 0 ? 2 : 1), type);
        NDScope.unregister(theta);
    }

    /** φ(x̃) (B, 1) or (B, 2). */
    @Override
    public NDArray features(NDArray xn) {
        if (p == 0) {
            return NDArrays.concat(new NDList(xn.log(), xn.onesLike()), 1);
        }
        return Scalars.pow(xn, p);
    }

    @Override
    public NDArray forward(NDArray xn) {
        return features(xn).matMul(theta.reshape(-1, 1));
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

    /** θp x̃^{p−1}, or θ₁/x̃. */
    @Override
    public NDArray gradient(NDArray xn) {
        double t = head()[0];
        return p == 0 ? Scalars.mul(Scalars.pow(xn, -1), t) : Scalars.mul(Scalars.pow(xn, p - 1), t * p);
    }

    /** θp(p − 1)x̃^{p−2}, or −θ₁/x̃², as (B, 1, 1). */
    @Override
    public NDArray hessian(NDArray xn) {
        double t = head()[0];
        NDArray h = p == 0 ? Scalars.mul(Scalars.pow(xn, -2), -t) : Scalars.mul(Scalars.pow(xn, p - 2), t * p * (p - 1));
        return h.expandDims(2);
    }

    @Override
    public void close() {
        manager.close();
    }
}
