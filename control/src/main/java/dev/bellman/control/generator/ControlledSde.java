package dev.bellman.control.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A controlled diffusion dXₜ = f(t, Xₜ, aₜ) dt + Σ(t, Xₜ, aₜ) dWₜ on R^d with actions in R^m and an
 * n-dimensional Brownian motion (DESIGN.md §1.1). Shapes: t (B, 1) in the problem's own time,
 * x (B, d), a (B, m); drift (B, d), diffusion (B, d, n).
 */
public interface ControlledSde {

    /** d. */
    int stateDim();

    /** m (0 for an uncontrolled SDE). */
    int actionDim();

    /** n. */
    int noiseDim();

    /** f(t, x, a) (B, d). */
    NDArray drift(NDArray t, NDArray x, NDArray a);

    /** Σ(t, x, a) (B, d, n). */
    NDArray diffusion(NDArray t, NDArray x, NDArray a);

    /**
     * Whether Σ depends on none of t, x, a; then {@link #constantDiffusion} gives it once as (d, n),
     * which consumers broadcast instead of materialising (B, d, n).
     */
    default boolean diffusionIsConstant() {
        return false;
    }

    /** The constant Σ (d, n) in {@code manager}; only when {@link #diffusionIsConstant()}. */
    default NDArray constantDiffusion(NDManager manager) {
        throw new UnsupportedOperationException("this SDE's diffusion depends on (t, x, a)");
    }

    /** Σ as cheaply as possible: (d, n) when constant, else (B, d, n). */
    default NDArray diffusionOrConstant(NDArray t, NDArray x, NDArray a) {
        return diffusionIsConstant() ? constantDiffusion(x.getManager()).toType(x.getDataType(), false) : diffusion(t, x, a);
    }
}
