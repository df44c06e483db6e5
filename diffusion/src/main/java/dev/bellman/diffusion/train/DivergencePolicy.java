package dev.bellman.diffusion.train;

import dev.bellman.control.BadInputException;

/**
 * When a run whose loss stays finite has diverged: its batch loss exceeds {@code lossRatio} times
 * the loss of the zero control u ≡ 0 on the same batch, for {@code patience} consecutive steps.
 *
 * <p>Why the zero control is the baseline. The loss of u ≡ 0 is E λ(t)‖g(t) z / s(t)‖², what a
 * network that has learnt nothing scores (for ε-weighting exactly D, the data dimension, in
 * expectation). It is computed exactly on every batch from numbers the trainer already holds (the
 * b·z of {@link NoisedBatch}), so the ratio needs no warm-up window, no history and no state in the
 * checkpoint (a resumed run guards exactly as the uninterrupted one); it does not move with the
 * loss's own scale (weighting, SDE, data dimension, network); and it cancels most of the loss's
 * batch-to-batch noise, which comes from the batch's times t and noises z, shared by both terms. A
 * baseline from the loss's own history (the median of an early window, an EMA of log-loss) has none
 * of these: at a learning rate of 1e6 the loss explodes from the second step, so the early window is
 * itself diverged, and an EMA follows a loss that explodes and then plateaus.
 *
 * <p>Why 100 and 20 by default (measured on 8gaussians with the default network, 3 × 128 SiLU at
 * batch 512, and the reliability tests' 2 × 32 at batch 64). The output layer starts at zero, so the
 * ratio is exactly 1 at the first step, and normal training only lowers it: at lr 1e-3 with warm-up
 * it never exceeded 1.000 over 600 steps for VP, sub-VP and VE with either weighting, nor at lr 1e-2.
 * An absurd lr 1 spikes to 2.6–9.7 for single steps and recovers. Explosions sit orders of magnitude
 * higher within 2–3 steps and stay there: lr 1e2 plateaus at ≈ 240 (default network) or ≈ 900 (small),
 * lr 1e3 at ≈ 2,400 or ≈ 4e6 after peaks of 1e19–1e20, lr 1e6 at ≈ 1e33 (small; the default network's
 * loss overflows at step 3). So 100 lies a decade above every normal or merely spiky step and a decade
 * or more below the explosions. The patience is for bursts that end by themselves: lr 10 went above
 * 100 for 7 consecutive steps (small network) or 1 (default) and came back to ≈ 1; 20 steps is about
 * three times the longest such burst and still stops an explosion within seconds.
 *
 * @param lossRatio the multiple of the zero-control loss above which a step counts as exploded (&gt; 1);
 *     {@code Double.POSITIVE_INFINITY} turns the policy off (the NaN guard stays)
 * @param patience consecutive exploded steps that stop the run (≥ 1)
 */
public record DivergencePolicy(double lossRatio, int patience) {
    /** 100 times the zero-control loss for 20 consecutive steps (see the class comment). */
    public static final DivergencePolicy DEFAULT = new DivergencePolicy(100, 20);
    /** Only non-finite losses stop a run. */
    public static final DivergencePolicy OFF = new DivergencePolicy(Double.POSITIVE_INFINITY, 1);

    public DivergencePolicy {
        if (!(lossRatio > 1)) {
            throw new BadInputException("the divergence loss ratio must be > 1 (a multiple of the zero-control loss), got " + lossRatio);
        }
        if (patience < 1) {
            throw new BadInputException("the divergence patience must be ≥ 1 step, got " + patience);
        }
    }

    /** Whether a step whose loss is {@code loss} on a batch where u ≡ 0 scores {@code zeroControlLoss} counts as exploded. */
    public boolean exploded(double loss, double zeroControlLoss) {
        return zeroControlLoss > 0 && loss > lossRatio * zeroControlLoss;
    }
}
