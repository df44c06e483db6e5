package dev.bellman.control.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;

/**
 * A nestable {@link NDScope}: every array created while it is open is closed with it, except the
 * ones passed to {@link #keep}, which move to the enclosing scope (if any).
 *
 * <p>Why not a bare {@code NDScope}: an op's result belongs to the manager of its first operand
 * (DESIGN.md §3, the memory trap), so a sub-manager does not catch arrays derived from a long-lived
 * state; a scope does. But {@code NDScope.unregister} removes an array from the innermost scope
 * only, and an array kept by an inner scope would then escape every outer scope and leak. This class
 * re-registers kept arrays with the enclosing scope, so library code can scope its own intermediates
 * while callers still scope their whole step.
 */
public final class Scope implements AutoCloseable {
    private final NDScope scope;
    private final List<NDArray> kept = new ArrayList<>();

    private Scope() {
        this.scope = new NDScope();
    }

    /** Opens a scope on the current thread; close it in the same thread (try-with-resources). */
    public static Scope open() {
        return new Scope();
    }

    /** Keeps {@code array} alive past this scope (it joins the enclosing scope); null passes through. */
    public <T extends NDArray> T keep(T array) {
        if (array != null) {
            kept.add(array);
        }
        return array;
    }

    @Override
    public void close() {
        for (NDArray a : kept) {
            NDScope.unregister(a);
        }
        scope.close();
        for (NDArray a : kept) {
            NDScope.register(a);
        }
    }
}
