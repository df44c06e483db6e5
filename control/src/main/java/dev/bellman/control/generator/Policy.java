package dev.bellman.control.generator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** A feedback control a(t, x): t (B, 1), x (B, d) → a (B, m). */
@FunctionalInterface
public interface Policy {

    /** The action (B, m) at (t, x). */
    NDArray act(NDArray t, NDArray x);

    /** The zero action (B, m); with m = 0 the empty action of an uncontrolled SDE. */
    static Policy zero(int actionDim) {
        return (t, x) -> x.getManager().zeros(new Shape(x.getShape().get(0), actionDim), x.getDataType());
    }
}
