package dev.bellman.control.qlearn;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.nn.Parameter;
import java.util.List;

/**
 * A value model V(x̃) = φ(x̃)θ whose last layer (the head θ) is linear, so that the head can be solved by least
 * squares (LSTD, {@link LeastSquaresTd}) instead of marched by TD steps. Shapes: normalised states x̃ (B, d);
 * V (B, 1); φ (B, p) with a last column of ones.
 */
interface ValueModel extends AutoCloseable {

    /** V (B, 1). */
    NDArray forward(NDArray xn);

    /** φ (B, p), the head's inputs; the last column is 1. */
    NDArray features(NDArray xn);

    /** Sets the head so that V = φθ (θ of length p, in the units of V). */
    void setHead(double[] theta);

    /** The head θ (p) such that V = φθ. */
    double[] head();

    /** Parameters trained by gradient steps on the TD error (empty when the head is all there is). */
    List<Parameter> trainable();

    /** Every parameter array, head included, in a fixed order (for target and averaged copies). */
    List<Parameter> parameters();

    /** ∇_x̃V (B, d), detached. */
    NDArray gradient(NDArray xn);

    /** ∇²_x̃V (B, d, d), detached. */
    NDArray hessian(NDArray xn);

    @Override
    void close();
}
