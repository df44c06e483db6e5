package dev.bellman.control.random;

import dev.bellman.control.engine.BellmanEngine;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The randomness of one step of a run.
 *
 * @param seed the run's seed
 * @param step the step
 * @param hash the 64-bit mix of the two ({@link StepRandom#mix})
 */
public record StepSeed(long seed, long step, long hash) {

    /** The 32-bit seed handed to the engine (DJL takes an int): the high and low halves folded. */
    public int engineSeed() {
        return (int) (hash ^ (hash >>> 32));
    }

    /** Re-seeds the engine's global generator; call before engine-side draws ({@code manager.randomNormal}). */
    public void seedEngine() {
        BellmanEngine.current().engine().setRandomSeed(engineSeed());
    }

    /** A fresh Java-side generator for this step (data sampling, Java-drawn noise). */
    public RandomGenerator generator() {
        return new SplittableRandom(hash);
    }

    /** A family of per-index streams below this step (e.g. the sub-steps of one rollout). */
    public StepRandom split() {
        return new StepRandom(hash);
    }
}
