/**
 * Benchmarks of model-free continuous-time Q-learning (issue 4, DESIGN.md §1.2):
 * {@link dev.bellman.benchmarks.qlearn.QlearnSuite}, a main printing {@code RESULT {json}} per case.
 */
package dev.bellman.benchmarks.qlearn;
