/**
 * SDE integrators for controlled diffusions under a feedback policy.
 *
 * <ul>
 *   <li>{@link dev.bellman.control.sde.EulerMaruyama}: batched, seeded closed-loop integration over a
 *       {@link dev.bellman.control.sde.TimeGrid}, with {@link dev.bellman.control.sde.StepHandler} hooks
 *       receiving a {@link dev.bellman.control.sde.StepEvent};</li>
 *   <li>{@link dev.bellman.control.sde.Transition}: one step (Euler–Maruyama built in);
 *       {@link dev.bellman.control.sde.ExactTransition}: an exact step supplied by a problem.</li>
 * </ul>
 */
package dev.bellman.control.sde;
