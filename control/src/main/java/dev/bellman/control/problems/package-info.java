/**
 * The stationary reference problems as control problems in reward form, with their exact values
 * and policies (DESIGN.md §1.3): {@link dev.bellman.control.problems.LqrProblem} and
 * {@link dev.bellman.control.problems.QuadraticValue} (V = −½xᵀPx − c, a* = −Kx),
 * {@link dev.bellman.control.problems.MertonProblem} and {@link dev.bellman.control.problems.PowerValue}
 * (V = A x^{1−γ}/(1−γ), constant (π*, k*)).
 */
package dev.bellman.control.problems;
