package dev.bellman.diffusion.train;

/**
 * The loss became NaN or infinite: training stops before the bad gradients reach the parameters,
 * and no checkpoint is written after that, so the last checkpoint on disk is the last good one.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long step;
    private final long lastCheckpoint;

    public TrainingDivergedException(long step, double loss, long lastCheckpoint, double lr) {
        this(step, "the loss is " + loss, lastCheckpoint, lr);
    }

    private TrainingDivergedException(long step, String what, long lastCheckpoint, double lr) {
        super("training diverged at step " + step + ": " + what + " (the learning rate " + lr
                + " may be too large); stopped, " + (lastCheckpoint > 0 ? "the last good checkpoint is step " + lastCheckpoint
                        : "no checkpoint had been written yet"));
        this.step = step;
        this.lastCheckpoint = lastCheckpoint;
    }

    /**
     * The loss was finite but the state to be checkpointed is not (a gradient overflowed into Adam's
     * second moment, say): that checkpoint is not written, the previous one stays the last good one.
     *
     * @param what which part of the state, e.g. {@code "Adam's second moment"}
     */
    public static TrainingDivergedException nonFiniteState(long step, String what, long lastCheckpoint, double lr) {
        return new TrainingDivergedException(step, what + " is no longer finite", lastCheckpoint, lr);
    }

    /** The step whose loss was not finite. */
    public long step() {
        return step;
    }

    /** The step of the last checkpoint written (0 if none). */
    public long lastCheckpoint() {
        return lastCheckpoint;
    }
}
