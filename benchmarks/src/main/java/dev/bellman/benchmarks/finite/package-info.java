/**
 * The finite-horizon benchmark suite (issue 10): {@link dev.bellman.benchmarks.finite.FiniteSuite} prints
 * {@code RESULT {json}} lines for lqr-finite (d = 1, 3), merton-finite and hjb-lq (d = 10, 100).
 */
package dev.bellman.benchmarks.finite;
