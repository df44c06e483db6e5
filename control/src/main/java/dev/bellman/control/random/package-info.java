/**
 * Per-step randomness derived from (seed, step) so a resumed run replays the same numbers:
 * {@link dev.bellman.control.random.StepRandom} (the family, SplitMix64 mixing) and
 * {@link dev.bellman.control.random.StepSeed} (one step: engine re-seeding and a Java generator).
 */
package dev.bellman.control.random;
