package dev.bellman.control.pi;

/**
 * Per-state weights of the evaluation and improvement losses. A positive weight per state does not
 * move the pointwise maximiser of r + L^aV, nor the solution of a fittable regression, but it decides
 * which states dominate a finite optimisation: for Merton V ∝ 1/x spans a factor of 24 over the
 * training wealths, so unweighted losses would be dominated by the poorest states.
 */
public enum StateWeighting {
    /** Every state weighs 1. */
    NONE,
    /** Weight 1/|V(x)| (detached, current critic), normalised to mean 1: relative errors. */
    VALUE_SCALE
}
