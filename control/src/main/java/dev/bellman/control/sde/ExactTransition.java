package dev.bellman.control.sde;

/**
 * A transition sampled exactly from the law of x(t + Δt) given x(t) and an action held over the
 * step, supplied by problems that have one (linear SDEs: a Gaussian with the matrix exponential's
 * mean and covariance). It removes the integrator's bias but not the O(Δt) bias of holding the
 * action constant (DESIGN.md §1.2, the time-step floor).
 */
@FunctionalInterface
public interface ExactTransition extends Transition {}
