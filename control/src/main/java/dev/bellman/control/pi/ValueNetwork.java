package dev.bellman.control.pi;

import ai.djl.ndarray.NDArray;
import dev.bellman.control.field.ScalarField;
import dev.bellman.control.hjb.ControlProblem;
import dev.bellman.control.nn.Parameter;
import java.util.List;

/**
 * A trainable stationary value field V_θ(x) for policy iteration: a {@link ScalarField} with exact
 * forward-mode derivatives whose parameters an optimizer can move. Shapes as in {@link ScalarField}:
 * x (B, d), value (B, 1); t is ignored (stationary).
 */
public interface ValueNetwork extends ScalarField, AutoCloseable {

    /** The trainable parameters (live arrays). */
    List<Parameter> parameters();

    /**
     * An optional closed-form warm start from Monte Carlo returns (x (B, d), targets (B, 1)), e.g. a
     * least-squares fit of an overall scale; the default does nothing.
     */
    default void calibrate(NDArray x, NDArray targets) {}

    /**
     * An optional exact solve of the parameters that enter V linearly, given the rest, for the policy's
     * linear PDE ρV − r − L^aV = 0 in weighted least squares over states x (B, d) with actions a (B, m)
     * and weights (B, 1). Returns whether a solve happened; the default does none.
     */
    default boolean solveResidual(ControlProblem problem, NDArray x, NDArray a, NDArray weights) {
        return false;
    }

    @Override
    default boolean stationary() {
        return true;
    }

    /** Frees the parameters. */
    @Override
    void close();
}
