package dev.bellman.cli.train;

import ai.djl.ndarray.types.DataType;
import dev.bellman.diffusion.gap.GapConfig;
import dev.bellman.diffusion.gap.GapListener;
import dev.bellman.diffusion.gap.GapResult;
import dev.bellman.diffusion.gap.VerificationGap;
import dev.bellman.diffusion.train.GapProbe;

/**
 * The verification gap {@code bellman train} reports at the end of a run (DESIGN.md §1.4): G(u) of
 * the EMA control along reverse-SDE paths from the prior, against the exact mixture u* for mixture
 * data and the empirical-optimal control otherwise. 2,000 paths keep its standard error well under 0.01
 * nats for a well-trained toy model (the default model's was 0.0013 at 4,000 paths, so ≈ 0.002 here) at
 * half the cost, which the 90-second budget of the default run needs; {@code bellman gap} runs the full
 * 50,000-path estimate.
 */
public final class TrainGapProbe implements GapProbe {
    /** Paths of the end-of-training estimate. */
    public static final int PATHS = 2_000;
    /** Euler–Maruyama steps of the end-of-training estimate. */
    public static final int STEPS = 250;

    private final long seed;
    private final DataType dataType;
    private final int paths;
    private final int steps;

    public TrainGapProbe(long seed, DataType dataType, int paths) {
        this(seed, dataType, paths, STEPS);
    }

    public TrainGapProbe(long seed, DataType dataType, int paths, int steps) {
        this.seed = seed;
        this.dataType = dataType;
        this.paths = paths;
        this.steps = steps;
    }

    /** Paths of the end-of-run estimate for images (see {@link #forImages}). */
    public static final int IMAGE_PATHS = 64;
    /** Euler–Maruyama steps of the end-of-run estimate for images. */
    public static final int IMAGE_STEPS = 100;

    /**
     * A small-n probe for image data: at most {@value #IMAGE_PATHS} paths of {@value #IMAGE_STEPS}
     * steps. Images have no exact law, so only {@code gap_empirical} is estimated (against the
     * empirical-optimal control of the training set, DESIGN.md §1.4); every step of every path runs
     * the U-Net and a pass over all N training images, which makes the 4,000-path toy probe cost as
     * much as the training run itself. The standard error of a 64-path figure is large: it is a
     * rough reading, and {@code train --json} says how many paths it used ({@code gap_paths}).
     */
    public TrainGapProbe forImages() {
        return new TrainGapProbe(seed, dataType, Math.min(IMAGE_PATHS, paths), IMAGE_STEPS);
    }

    /** The number of reverse-SDE paths. */
    public int paths() {
        return paths;
    }

    /** The Euler–Maruyama steps of each path. */
    public int steps() {
        return steps;
    }

    /** A cheaper probe for the gap-versus-steps curve: at most 1,000 paths of 100 steps. */
    public TrainGapProbe forCurve() {
        return new TrainGapProbe(seed, dataType, Math.min(1000, paths), 100);
    }

    @Override
    public GapEstimate estimate(dev.bellman.diffusion.ControlModel model, dev.bellman.data.DataSource data) {
        GapConfig config = GapConfig.of(paths, steps).withSeed(seed).withDataType(dataType);
        GapResult r = VerificationGap.estimate(model, data, config, GapListener.none());
        Double gap = r.gap() == null ? null : r.gap().mean();
        Double gapSe = r.gap() == null ? null : r.gap().standardError();
        Double empirical = r.gapEmpirical() == null ? null : r.gapEmpirical().mean();
        return new GapEstimate(gap, gapSe, empirical);
    }
}
