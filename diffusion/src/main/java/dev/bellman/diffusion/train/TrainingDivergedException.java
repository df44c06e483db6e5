package dev.bellman.diffusion.train;

/**
 * Training diverged: the loss became NaN or infinite (training stops before the bad gradients reach
 * the parameters), the state to be checkpointed is not finite, or the loss stayed finite but
 * exploded as {@link DivergencePolicy} defines. No checkpoint is written after the divergence began,
 * so the last checkpoint on disk is the last good one.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long step;
    private final long firstBadStep;
    private final long lastCheckpoint;

    /**
     * The loss of {@code step} is not finite.
     *
     * @param firstBadStep {@code step}, or the first step of a streak of exploded losses that led to it
     */
    public TrainingDivergedException(long step, double loss, long firstBadStep, long lastCheckpoint, double lr) {
        this(step, firstBadStep, "the loss is " + loss + since(step, firstBadStep), lastCheckpoint, lr);
    }

    private static String since(long step, long firstBadStep) {
        return firstBadStep < step ? " after exploding since step " + firstBadStep : "";
    }

    private TrainingDivergedException(long step, long firstBadStep, String what, long lastCheckpoint, double lr) {
        super("training diverged at step " + step + ": " + what + " (the learning rate " + lr
                + " may be too large); stopped, " + (lastCheckpoint > 0 ? "the last good checkpoint is step " + lastCheckpoint
                        : "no checkpoint had been written yet"));
        this.step = step;
        this.firstBadStep = firstBadStep;
        this.lastCheckpoint = lastCheckpoint;
    }

    /**
     * The loss was finite but the state to be checkpointed is not (a gradient overflowed into Adam's
     * second moment, say): that checkpoint is not written, the previous one stays the last good one.
     *
     * @param what which part of the state, e.g. {@code "Adam's second moment"}
     * @param firstBadStep {@code step}, or the first step of a streak of exploded losses that led to it
     */
    public static TrainingDivergedException nonFiniteState(long step, String what, long firstBadStep, long lastCheckpoint, double lr) {
        return new TrainingDivergedException(step, firstBadStep, what + " is no longer finite" + since(step, firstBadStep),
                lastCheckpoint, lr);
    }

    /**
     * The loss stayed finite but exploded ({@link DivergencePolicy}): every step from {@code since} to
     * {@code step} scored more than {@code policy.lossRatio()} times the zero control's loss.
     *
     * @param loss the last step's loss
     * @param zeroControlLoss the last step's zero-control loss on the same batch
     */
    public static TrainingDivergedException lossExploded(long step, double loss, double zeroControlLoss, DivergencePolicy policy,
            long since, long lastCheckpoint, double lr) {
        return new TrainingDivergedException(step, since, String.format(java.util.Locale.ROOT,
                "the loss %.3g is %.3g times that of the zero control u = 0 (%.3g), above %.3g times for %d steps in a row since step %d",
                loss, loss / zeroControlLoss, zeroControlLoss, policy.lossRatio(), policy.patience(), since), lastCheckpoint, lr);
    }

    /** The step at which training stopped. */
    public long step() {
        return step;
    }

    /**
     * The first step of the divergence: {@link #step()} for a non-finite loss or state, the first
     * step of the streak for an exploded loss. No checkpoint of it or a later step was written.
     */
    public long firstBadStep() {
        return firstBadStep;
    }

    /** The step of the last checkpoint written (0 if none). */
    public long lastCheckpoint() {
        return lastCheckpoint;
    }
}
