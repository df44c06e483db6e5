package dev.bellman.control.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Test-only linear SDE dX = (Ax + Ba) dt + (D + x-dependent part) dW. */
final class LinearSde implements ControlledSde {
    final NDArray a; // (d, d)
    final NDArray b; // (d, m)
    final NDArray dMat; // (d, n)
    final boolean constant;

    LinearSde(NDArray a, NDArray b, NDArray dMat, boolean constant) {
        this.a = a;
        this.b = b;
        this.dMat = dMat;
        this.constant = constant;
    }

    @Override
    public int stateDim() {
        return (int) a.getShape().get(0);
    }

    @Override
    public int actionDim() {
        return (int) b.getShape().get(1);
    }

    @Override
    public int noiseDim() {
        return (int) dMat.getShape().get(1);
    }

    @Override
    public NDArray drift(NDArray t, NDArray x, NDArray act) {
        return x.matMul(a.transpose()).add(act.matMul(b.transpose()));
    }

    /** Σ = D when constant, else D·(1 + x₀²) per state. */
    @Override
    public NDArray diffusion(NDArray t, NDArray x, NDArray act) {
        long bs = x.getShape().get(0);
        NDArray base = dMat.expandDims(0).broadcast(new Shape(bs, stateDim(), noiseDim()));
        if (constant) {
            return base;
        }
        NDArray scale = x.get(":, 0:1").square().add(1.0).expandDims(2);
        return base.mul(scale);
    }

    @Override
    public boolean diffusionIsConstant() {
        return constant;
    }

    @Override
    public NDArray constantDiffusion(NDManager manager) {
        return dMat;
    }
}
