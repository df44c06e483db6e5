package dev.bellman.cli.train;

import dev.bellman.control.BadInputException;
import dev.bellman.diffusion.net.NetOutput;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.diffusion.train.LrSchedule;
import dev.bellman.diffusion.train.Weighting;
import java.nio.file.Path;

/**
 * {@code bellman train}'s validated options (recorded in run.json). A resumed run takes its
 * configuration from the checkpoint; then only {@code steps} may differ (to train further).
 *
 * @param data the data specification
 * @param sde the forward SDE
 * @param steps total steps
 * @param batch batch size
 * @param lr learning rate
 * @param weighting λ(t)
 * @param ema EMA decay
 * @param imageSize image side for images:DIR
 * @param warmup warm-up steps
 * @param checkpointEvery steps between checkpoints
 * @param lrSchedule the learning rate after the warm-up
 * @param channels the U-Net's base width c for image data (0: {@code UNetConfig.DEFAULT_BASE_CHANNELS})
 * @param netOutput what the network's last layer produces, or null for the data's default (see {@code TrainRun.net})
 * @param resume the run directory to continue, or null
 */
public record TrainRequest(String data, SdeKind sde, long steps, int batch, double lr, Weighting weighting, double ema,
        int imageSize, long warmup, long checkpointEvery, LrSchedule lrSchedule, int channels, NetOutput netOutput,
        Path resume) {
    /** Defaults: 8gaussians trains well in about a minute on 2 cores. */
    public static final long DEFAULT_STEPS = 20_000;
    public static final int DEFAULT_BATCH = 512;
    public static final double DEFAULT_LR = 1e-3;
    public static final double DEFAULT_EMA = 0.999;
    public static final long DEFAULT_WARMUP = 100;
    public static final long DEFAULT_CHECKPOINT_EVERY = 1000;

    public TrainRequest {
        if (steps < 1) {
            throw new BadInputException("--steps must be ≥ 1, got " + steps);
        }
        if (batch < 1) {
            throw new BadInputException("--batch must be ≥ 1, got " + batch);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new BadInputException("--lr must be positive and finite, got " + lr);
        }
        if (!(ema >= 0 && ema < 1)) {
            throw new BadInputException("--ema must be in [0, 1), got " + ema);
        }
        if (lrSchedule == null) {
            throw new BadInputException("a training run needs a learning-rate schedule");
        }
        if (channels < 0) {
            throw new BadInputException("--channels must be positive, got " + channels);
        }
        if (imageSize < 1) {
            throw new BadInputException("--image-size must be ≥ 1, got " + imageSize);
        }
    }
}
