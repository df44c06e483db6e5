package dev.bellman.diffusion.train;

/**
 * Hooks into a training run (progress bars, logs, tests). Called on the training thread; keep them
 * cheap. All methods default to doing nothing.
 */
public interface TrainListener {

    /**
     * After every optimizer step.
     *
     * @param step the step just done (1-based)
     * @param loss its mini-batch loss
     * @param stepsPerSecond steps per second of wall time since this session's first step
     */
    default void onStep(long step, double loss, double stepsPerSecond) {}

    /** After a checkpoint at {@code step} has been written. */
    default void onCheckpoint(long step) {}

    /** Does nothing. */
    TrainListener NONE = new TrainListener() {};
}
