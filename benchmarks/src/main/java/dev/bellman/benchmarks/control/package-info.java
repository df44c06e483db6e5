/**
 * Control benchmarks: {@link dev.bellman.benchmarks.control.ControlSuite}, policy iteration on the reference
 * problems against their closed forms and the PyTorch peer (issue 3).
 */
package dev.bellman.benchmarks.control;
