package dev.bellman.control.random;

/**
 * Randomness derived from (seed, step), so a run resumed at step k replays exactly the numbers the
 * uninterrupted run drew from step k on (DESIGN.md §3: the engine's global RNG can be seeded but
 * not saved, so the project never relies on its running state across steps).
 *
 * <p>Use: {@code StepRandom.of(seed).forStep(step)} at the start of every step, then
 * {@link StepSeed#seedEngine()} before engine-side draws and {@link StepSeed#generator()} for
 * Java-side draws.
 *
 * @param seed the run's seed
 */
public record StepRandom(long seed) {

    public static StepRandom of(long seed) {
        return new StepRandom(seed);
    }

    /** The randomness of one step. */
    public StepSeed forStep(long step) {
        return new StepSeed(seed, step, mix(seed, step));
    }

    /** An independent family for another purpose (e.g. data vs noise), derived from this seed and a label. */
    public StepRandom stream(long label) {
        return new StepRandom(mix(seed ^ 0x5DEECE66DL, label));
    }

    /**
     * The 64-bit hash of (seed, step): SplitMix64's finaliser (Steele, Lea &amp; Flood 2014) applied
     * to the seed and again to the step folded in, so nearby steps give unrelated streams.
     */
    public static long mix(long seed, long step) {
        return splitMix64(splitMix64(seed) + 0x9E3779B97F4A7C15L * (step + 1));
    }

    /** SplitMix64's output function. */
    public static long splitMix64(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
