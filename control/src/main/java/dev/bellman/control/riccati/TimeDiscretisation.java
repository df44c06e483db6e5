package dev.bellman.control.riccati;

/**
 * How the continuous LQR becomes the discrete-time problem a Q-learner faces when it holds each action
 * for Δt (DESIGN.md 1.2, "the time-step floor"). See {@link DiscretisedLqr} for the formulas.
 */
public enum TimeDiscretisation {
    /** x' = x + (Ax + Ba)Δt + D√Δt ξ, step reward r(x, a)Δt. */
    EULER_RECTANGLE,
    /** The exact transition of the linear SDE with a held, step reward (Δt/2)[r(x, a) + r(x', a)]. */
    EXACT_TRAPEZOID
}
