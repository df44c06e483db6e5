package dev.bellman.samplers.ode;

import ai.djl.ndarray.NDArray;

/** The right-hand side dy/ds = F(s, y) of an ODE on a batched state y (B, n). */
@FunctionalInterface
public interface OdeFunction {

    /** F(s, y), a new array of y's shape (in the current scope). Must not modify {@code y}. */
    NDArray rate(double s, NDArray y);
}
