package dev.bellman.control.nn;

import ai.djl.ndarray.NDArray;

/**
 * A named trainable array (requires gradient). Names are stable (e.g. {@code layer0.weight}) so
 * snapshots and checkpoints can be matched by name.
 */
public record Parameter(String name, NDArray array) {
    public Parameter {
        if (name == null || name.isBlank() || array == null) {
            throw new IllegalArgumentException("a parameter needs a name and an array");
        }
    }
}
