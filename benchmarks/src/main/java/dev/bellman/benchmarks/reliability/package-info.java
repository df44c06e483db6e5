/**
 * Reliability measurements too long for unit tests: {@link dev.bellman.benchmarks.reliability.LongRunMemory}
 * (resident memory over 20,000 training steps and a long sampling run).
 */
package dev.bellman.benchmarks.reliability;
