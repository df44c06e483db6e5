package dev.bellman.control.pi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Creation of long-lived trainable arrays outside any step scope. */
final class Parameters {
    private Parameters() {}

    /** A trainable array with the given values, registered with no scope. */
    static NDArray trainable(NDManager manager, double[] values, Shape shape, DataType type) {
        NDArray a = manager.create(values, shape).toType(type, false);
        a.setRequiresGradient(true);
        NDScope.unregister(a);
        return a;
    }

    /** A constant array that outlives step scopes. */
    static NDArray constant(NDManager manager, double[] values, Shape shape, DataType type) {
        NDArray a = manager.create(values, shape).toType(type, false);
        NDScope.unregister(a);
        return a;
    }
}
