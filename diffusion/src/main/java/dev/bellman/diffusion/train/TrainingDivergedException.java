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
        super("training diverged at step " + step + ": the loss is " + loss + " (the learning rate " + lr
                + " may be too large); stopped, " + (lastCheckpoint > 0 ? "the last good checkpoint is step " + lastCheckpoint
                        : "no checkpoint had been written yet"));
        this.step = step;
        this.lastCheckpoint = lastCheckpoint;
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
