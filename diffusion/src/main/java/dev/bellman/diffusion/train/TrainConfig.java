package dev.bellman.diffusion.train;

import dev.bellman.control.BadInputException;
import dev.bellman.control.optim.LearningRateSchedule;
import dev.bellman.diffusion.net.NetSpec;
import java.util.List;

/**
 * Everything that determines a score-matching run (stored in every checkpoint; a resumed run takes
 * it from there).
 *
 * @param data the data specification ({@code 8gaussians}, {@code gmm:FILE}, …)
 * @param imageSize the side of images read by {@code images:DIR}
 * @param sampleShape the shape of one sample, e.g. [2] or [1, 28, 28]
 * @param sde the forward SDE (VE σ_max may be null until computed at the start)
 * @param net the control network
 * @param weighting λ(t)
 * @param steps total optimizer steps
 * @param batch batch size B
 * @param lr peak learning rate
 * @param warmup linear warm-up steps (0 for none)
 * @param clipNorm global gradient-norm bound (0 for none)
 * @param emaDecay EMA decay δ of the weights, in [0, 1)
 * @param checkpointEvery steps between checkpoints (the last step always writes one)
 * @param seed the run's seed: data, times and noise of step k come from (seed, k)
 * @param divergence when a run whose loss stays finite has diverged; null means
 *     {@link DivergencePolicy#DEFAULT} (checkpoints written before the policy existed carry none)
 * @param lrSchedule the learning rate after the warm-up; null means {@link LrSchedule#CONSTANT}
 *     (checkpoints written before the option existed carry none)
 */
public record TrainConfig(String data, int imageSize, List<Long> sampleShape, SdeSpec sde, NetSpec net, Weighting weighting,
        long steps, int batch, double lr, long warmup, double clipNorm, double emaDecay, long checkpointEvery, long seed,
        DivergencePolicy divergence, LrSchedule lrSchedule) {
    /** A configuration with the default divergence policy and a constant rate after the warm-up. */
    public TrainConfig(String data, int imageSize, List<Long> sampleShape, SdeSpec sde, NetSpec net, Weighting weighting,
            long steps, int batch, double lr, long warmup, double clipNorm, double emaDecay, long checkpointEvery, long seed) {
        this(data, imageSize, sampleShape, sde, net, weighting, steps, batch, lr, warmup, clipNorm, emaDecay, checkpointEvery, seed,
                DivergencePolicy.DEFAULT, LrSchedule.CONSTANT);
    }

    /** A configuration with a constant rate after the warm-up. */
    public TrainConfig(String data, int imageSize, List<Long> sampleShape, SdeSpec sde, NetSpec net, Weighting weighting,
            long steps, int batch, double lr, long warmup, double clipNorm, double emaDecay, long checkpointEvery, long seed,
            DivergencePolicy divergence) {
        this(data, imageSize, sampleShape, sde, net, weighting, steps, batch, lr, warmup, clipNorm, emaDecay, checkpointEvery, seed,
                divergence, LrSchedule.CONSTANT);
    }

    public TrainConfig {
        if (data == null || data.isBlank()) {
            throw new BadInputException("a training run needs a data specification");
        }
        if (sampleShape == null || sampleShape.isEmpty() || sampleShape.stream().anyMatch(s -> s == null || s < 1)) {
            throw new BadInputException("a sample shape needs positive dimensions, got " + sampleShape);
        }
        if (sde == null || net == null || weighting == null) {
            throw new BadInputException("a training run needs an SDE, a network and a weighting");
        }
        long dim = sampleShape.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        if (net.dim() != dim) {
            throw new BadInputException("the network maps R^" + net.dim() + " but the samples have " + dim + " entries");
        }
        if (steps < 1) {
            throw new BadInputException("--steps must be ≥ 1, got " + steps);
        }
        if (batch < 1) {
            throw new BadInputException("--batch must be ≥ 1, got " + batch);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new BadInputException("--lr must be positive and finite, got " + lr);
        }
        if (warmup < 0 || !(clipNorm >= 0)) {
            throw new BadInputException("warm-up steps and clip norm must be ≥ 0, got " + warmup + ", " + clipNorm);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new BadInputException("--ema must be in [0, 1), got " + emaDecay);
        }
        if (checkpointEvery < 1) {
            throw new BadInputException("checkpoint interval must be ≥ 1, got " + checkpointEvery);
        }
        if (imageSize < 1) {
            throw new BadInputException("--image-size must be ≥ 1, got " + imageSize);
        }
        sampleShape = List.copyOf(sampleShape);
        if (divergence == null) {
            divergence = DivergencePolicy.DEFAULT;
        }
        if (lrSchedule == null) {
            lrSchedule = LrSchedule.CONSTANT;
        }
    }

    /** D, the flat state dimension. */
    public int dim() {
        return net.dim();
    }

    public TrainConfig withSteps(long n) {
        return new TrainConfig(data, imageSize, sampleShape, sde, net, weighting, n, batch, lr, warmup, clipNorm, emaDecay,
                checkpointEvery, seed, divergence, lrSchedule);
    }

    public TrainConfig withSde(SdeSpec s) {
        return new TrainConfig(data, imageSize, sampleShape, s, net, weighting, steps, batch, lr, warmup, clipNorm, emaDecay,
                checkpointEvery, seed, divergence, lrSchedule);
    }

    public TrainConfig withCheckpointEvery(long n) {
        return new TrainConfig(data, imageSize, sampleShape, sde, net, weighting, steps, batch, lr, warmup, clipNorm, emaDecay,
                n, seed, divergence, lrSchedule);
    }

    public TrainConfig withDivergence(DivergencePolicy policy) {
        return new TrainConfig(data, imageSize, sampleShape, sde, net, weighting, steps, batch, lr, warmup, clipNorm, emaDecay,
                checkpointEvery, seed, policy, lrSchedule);
    }

    public TrainConfig withNet(NetSpec n) {
        return new TrainConfig(data, imageSize, sampleShape, sde, n, weighting, steps, batch, lr, warmup, clipNorm, emaDecay,
                checkpointEvery, seed, divergence, lrSchedule);
    }

    public TrainConfig withLr(double x) {
        return new TrainConfig(data, imageSize, sampleShape, sde, net, weighting, steps, batch, x, warmup, clipNorm, emaDecay,
                checkpointEvery, seed, divergence, lrSchedule);
    }

    public TrainConfig withLrSchedule(LrSchedule s) {
        return new TrainConfig(data, imageSize, sampleShape, sde, net, weighting, steps, batch, lr, warmup, clipNorm, emaDecay,
                checkpointEvery, seed, divergence, s);
    }

    /** The learning rate at each 1-based optimizer step: warm-up, then {@link #lrSchedule()} over {@link #steps()}. */
    public LearningRateSchedule learningRates() {
        return lrSchedule.create(lr, warmup, steps);
    }
}
