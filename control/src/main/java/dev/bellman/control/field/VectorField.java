package dev.bellman.control.field;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * A vector field v(t, x) ∈ R^d: a control network u_θ, an exact control u*, a score. Shapes: t (B, 1)
 * in the problem's own time, x (B, d), values (B, d), divergence (B, 1).
 *
 * <p>Attached inside a {@code GradientCollector}; call {@code stopGradient()} on the results (or
 * evaluate outside a collector) to keep the field fixed.
 */
public interface VectorField {

    /** d, the state dimension (also the output dimension). */
    int dim();

    /** v(t, x) (B, d). */
    NDArray value(NDArray t, NDArray x);

    /** ∇ₓ·v(t, x) (B, 1), exact or by Hutchinson's estimator. */
    NDArray divergence(NDArray t, NDArray x, DivergenceMode mode);

    /**
     * Whether {@link #value} and {@link #divergence} also accept one time row t (1, 1) for a whole
     * batch x (B, d), every row at that time. A field that knows this can compute what depends on t
     * alone once per call (a sampler's whole batch sits at one time). False unless a field says so.
     */
    default boolean broadcastsTime() {
        return false;
    }

    /**
     * This field for evaluation only, while its parameters stay as they are now (one sampler run): the
     * same values, possibly on a faster path (a network's host kernels), no gradients. Callers take it
     * at the start of a run and drop it at the end. Default: this field itself.
     */
    default VectorField frozen() {
        return this;
    }

    /**
     * This field on host arrays in float64, if it has such a form (a closed-form control, an affine map
     * of one); used by rollouts that run on the JVM. Default: none.
     */
    default Optional<HostVectorField> onHost() {
        return Optional.empty();
    }
}
