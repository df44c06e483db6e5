package dev.bellman.cli.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.plot.ImageGrid;
import dev.bellman.diffusion.ControlModel;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.data.HostArrays;
import dev.bellman.samplers.SamplerConfig;
import dev.bellman.samplers.SamplerKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sample grids of an image model in the run directory: at checkpoints during training
 * ({@code samples-stepNNNNNNN.png}, by default 36 samples of the EMA weights in 100 Euler–Maruyama
 * steps of the reverse SDE (the samplers module's EM, whose diffusion is a scalar per row: the core
 * integrator's (B, D, D) Σ costs 157 MB a step for 64 MNIST samples), about {@value #POINTS} grids a
 * run) and at the end ({@code samples.png}, 64 samples in 250 steps); see {@link Sizes}.
 * Every grid starts from the same prior draws and noise (the run's seed), so the grids show one set
 * of samples sharpening as training proceeds.
 *
 * <p>The time spent sampling is kept ({@link #seconds()}) so that the run's training speed leaves it out.
 */
public final class SampleGrids {
    static final int POINTS = 5;

    /**
     * How many samples the grids show and how many reverse-SDE steps draw them.
     *
     * @param periodicSamples samples of each grid at a checkpoint
     * @param periodicSteps their Euler–Maruyama steps
     * @param finalSamples samples of the end-of-run grid
     * @param finalSteps its steps
     */
    public record Sizes(int periodicSamples, int periodicSteps, int finalSamples, int finalSteps) {
        /** 36 samples in 100 steps at checkpoints, 64 in 250 at the end. */
        public static final Sizes DEFAULT = new Sizes(36, 100, 64, 250);

        public Sizes {
            if (periodicSamples < 1 || periodicSteps < 1 || finalSamples < 1 || finalSteps < 1) {
                throw new IllegalArgumentException("grid sizes and steps must be ≥ 1");
            }
        }
    }

    private final Sizes sizes;

    private final Path runDir;
    private final long totalSteps;
    private final long every;
    private final long seed;
    private final NDManager manager;
    private final List<Path> written = new ArrayList<>();
    private long lastBucket;
    private long nanos;

    /**
     * @param totalSteps the run's total steps (the end writes its own grid, so none is drawn there)
     * @param fromStep the step the session starts at (a resumed run does not redraw earlier grids)
     * @param seed the run's seed
     */
    SampleGrids(Path runDir, long totalSteps, long fromStep, long seed, NDManager manager, Sizes sizes) {
        this.sizes = sizes;
        this.runDir = runDir;
        this.totalSteps = totalSteps;
        this.every = Math.max(1, totalSteps / POINTS);
        this.seed = seed;
        this.manager = manager;
        this.lastBucket = fromStep / every;
    }

    /** Draws a grid of the checkpoint's EMA weights when it is the first checkpoint in a new fifth of the run. */
    void record(Checkpoint checkpoint) {
        long step = checkpoint.step();
        if (step >= totalSteps || step / every <= lastBucket) {
            return;
        }
        lastBucket = step / every;
        try (TrainedModel model = TrainedModel.of(checkpoint)) {
            written.add(write(model, runDir.resolve(String.format(Locale.ROOT, "samples-step%07d.png", step)), sizes.periodicSamples(),
                    sizes.periodicSteps()));
        }
    }

    /** The end-of-run grid {@code samples.png}. */
    Path writeFinal(ControlModel model) {
        return write(model, runDir.resolve("samples.png"), sizes.finalSamples(), sizes.finalSteps());
    }

    /** Seconds spent drawing and writing grids. */
    double seconds() {
        return nanos / 1e9;
    }

    /** The periodic grids written so far. */
    List<Path> written() {
        return List.copyOf(written);
    }

    private Path write(ControlModel model, Path png, int n, int steps) {
        long t0 = System.nanoTime();
        Shape s = model.sampleShape();
        double[] x;
        try (NDManager m = manager.newSubManager()) {
            x = HostArrays.toDoubles(SamplerConfig.defaults(SamplerKind.EM).withSteps(steps).create().sample(model, m, n, seed).samples());
        }
        int c = s.dimension() == 3 ? (int) s.get(0) : 1;
        ImageGrid.write(png, x, n, c, (int) s.get(s.dimension() - 2), (int) s.get(s.dimension() - 1),
                (int) Math.ceil(Math.sqrt(n)));
        nanos += System.nanoTime() - t0;
        return png;
    }
}
