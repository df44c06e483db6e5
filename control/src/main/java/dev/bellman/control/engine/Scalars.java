package dev.bellman.control.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between an array and a Java number that is safe while autograd records: use these
 * instead of DJL's {@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)} and
 * {@code maximum(Number)} in any code that can run with gradients on.
 *
 * <p>Why: DJL's PyTorch engine turns the number into a 0-dim tensor whose storage is a Java direct
 * {@code ByteBuffer} ({@code from_blob}, no copy) and closes that tensor as soon as the op returns.
 * When gradients are recorded, autograd keeps the scalar for the backward pass (the other factor of a
 * product, the exponent of a power); the JVM frees the buffer at its next garbage collection, and a
 * backward pass that runs after a GC and a reuse of that memory reads garbage. Measured here
 * (2026-11-28): a U-Net's GroupNorm {@code pow(-0.5)} made six training steps differ by 4·10⁻³ in
 * the weights in about one full test run out of ten (once in CI), and on every run while a thread
 * churned direct buffers and called the GC. The scalar made here is a libtorch-owned copy, which
 * autograd may keep as long as it needs.
 *
 * <p>The op is the same tensor–tensor op DJL calls for a {@code double} argument, on a copy of the
 * same float64 scalar, so results are bit-identical to the {@code Number} overloads (for int and
 * float arguments too, whose values a double holds exactly, on arrays with at least one dimension). Without gradients the {@code Number} overloads are safe (nothing
 * outlives the op) and cheaper by a copy; hot no-grad loops (samplers, optimizers) keep them.
 */
public final class Scalars {
    private Scalars() {}

    /**
     * The number {@code c} as a 0-dim float64 array in libtorch-owned memory, in {@code like}'s
     * manager (and the current {@code NDScope}). Float64 because DJL makes a {@code double} argument
     * a float64 scalar: PyTorch then computes a float32 array's op in float32 as before, and a 0-dim
     * float32 array's op in float64, also as before (converting c to float32 first would change the
     * latter).
     */
    public static NDArray of(NDArray like, double c) {
        NDManager manager = like.getManager();
        try (NDArray blob = manager.create(c)) {
            // clone() allocates in libtorch; toType to the same type would alias the Java buffer.
            return blob.duplicate();
        }
    }

    /** x · c. */
    public static NDArray mul(NDArray x, double c) {
        return withScalar(x, c, NDArray::mul);
    }

    /** x / c. */
    public static NDArray div(NDArray x, double c) {
        return withScalar(x, c, NDArray::div);
    }

    /** x^c (elementwise). */
    public static NDArray pow(NDArray x, double c) {
        return withScalar(x, c, NDArray::pow);
    }

    /** max(x, c) (elementwise). */
    public static NDArray maximum(NDArray x, double c) {
        return withScalar(x, c, NDArray::maximum);
    }

    /** min(x, c) (elementwise). */
    public static NDArray minimum(NDArray x, double c) {
        return withScalar(x, c, NDArray::minimum);
    }

    private static NDArray withScalar(NDArray x, double c, BinaryOperator<NDArray> op) {
        // Closing our handle is safe: autograd holds its own reference to the libtorch storage.
        try (NDArray s = of(x, c)) {
            return op.apply(x, s);
        }
    }
}
