package dev.bellman.cli.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.BellmanEngine;
import dev.bellman.control.engine.Precision;
import dev.bellman.data.DataSource;
import dev.bellman.data.DataSpec;
import dev.bellman.data.HostArrays;
import dev.bellman.data.plot.Plots;
import dev.bellman.data.plot.Series;
import dev.bellman.diffusion.checkpoint.Checkpoint;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.checkpoint.TrainedModel;
import dev.bellman.diffusion.net.ControlNetConfig;
import dev.bellman.diffusion.net.NetOutput;
import dev.bellman.diffusion.net.NetSpec;
import dev.bellman.diffusion.net.unet.UNetConfig;
import dev.bellman.diffusion.train.DivergencePolicy;
import dev.bellman.diffusion.train.GapProbe;
import dev.bellman.diffusion.train.PreviewSamples;
import dev.bellman.diffusion.train.IntraOpThreads;
import dev.bellman.diffusion.train.ScoreMatchingTrainer;
import dev.bellman.diffusion.train.SdeSpec;
import dev.bellman.diffusion.train.TrainConfig;
import dev.bellman.diffusion.train.TrainSummary;
import dev.bellman.control.random.StepRandom;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bellman train} end to end: open the data, start or resume the trainer, train with a
 * progress bar, then write the samples-beside-data scatter plot (2-D data) or sample grids (images:
 * also at checkpoints, {@link SampleGrids}) and the loss curve into the run directory and ask the
 * {@link GapProbe} for the verification gap (images: a small-n empirical gap,
 * {@link TrainGapProbe#forImages}, and no gap curve).
 */
public final class TrainRun {
    static final int PREVIEW_SAMPLES = 1000;
    static final int PREVIEW_STEPS = 250;

    private TrainRun() {}

    /**
     * @param engine the started engine
     * @param runDir the run directory (the resumed one for --resume)
     * @param seed the run's seed (ignored when resuming: the checkpoint's seed continues)
     * @param progress where the progress bar goes (stderr)
     * @param gapProbe the verification gap of the EMA model ({@link GapProbe#NONE} until wired)
     */
    public static TrainResult run(TrainRequest request, BellmanEngine engine, Path runDir, long seed, PrintStream progress,
            GapProbe gapProbe) throws Exception {
        return run(request, engine, runDir, seed, progress, gapProbe, gapProbe);
    }

    /** Points of the gap-versus-steps curve (at checkpoints, with {@code curveProbe}: cheaper than the final gap). */
    static final int GAP_CURVE_POINTS = 5;

    /**
     * @param curveProbe the gap at checkpoints during training, for the gap-versus-steps curve
     */
    public static TrainResult run(TrainRequest request, BellmanEngine engine, Path runDir, long seed, PrintStream progress,
            GapProbe gapProbe, GapProbe curveProbe) throws Exception {
        return run(request, engine, runDir, seed, progress, gapProbe, curveProbe, SampleGrids.Sizes.DEFAULT);
    }

    /**
     * @param gridSizes the sizes of the sample grids of image runs
     */
    public static TrainResult run(TrainRequest request, BellmanEngine engine, Path runDir, long seed, PrintStream progress,
            GapProbe gapProbe, GapProbe curveProbe, SampleGrids.Sizes gridSizes) throws Exception {
        Checkpoint resumeFrom = request.resume() == null ? null : CheckpointFile.read(request.resume());
        String dataSpec = resumeFrom != null ? resumeFrom.config().data() : request.data();
        int imageSize = resumeFrom != null ? resumeFrom.config().imageSize() : request.imageSize();
        DataSource data = DataSpec.parse(dataSpec).open(imageSize);
        boolean image = data.isImage();
        if (image) {
            // No exact law for images: a small-n empirical gap at the end, no gap curve (DESIGN.md §1.4).
            gapProbe = gapProbe instanceof TrainGapProbe t ? t.forImages() : gapProbe;
            curveProbe = GapProbe.NONE;
        }
        try (NDManager manager = engine.newManager()) {
            ScoreMatchingTrainer trainer;
            if (resumeFrom != null) {
                Checkpoint c = new Checkpoint(resumeFrom.config().withSteps(request.steps()), resumeFrom.step(),
                        resumeFrom.parameters(), resumeFrom.ema(), resumeFrom.adam(), resumeFrom.losses());
                trainer = CheckpointFile.restoring(request.resume(), () -> ScoreMatchingTrainer.resume(c, data, manager));
            } else {
                trainer = ScoreMatchingTrainer.start(config(request, data, engine.config().precision(), seed), data, manager);
            }
            try (trainer) {
                TrainSummary summary;
                // The trainer limits its own intra-op threads (see IntraOpThreads) while it trains.
                GapCurve curve = new GapCurve(gapProbe == GapProbe.NONE ? GapProbe.NONE : curveProbe, data,
                        Math.max(1, trainer.config().steps() / GAP_CURVE_POINTS));
                SampleGrids grids = image
                        ? new SampleGrids(runDir, trainer.config().steps(), trainer.step(), trainer.config().seed(), manager, gridSizes)
                        : null;
                try (TrainProgress bar = new TrainProgress(progress, trainer.step(), trainer.config().steps())) {
                    summary = trainer.train(c -> {
                        CheckpointFile.write(runDir, c);
                        curve.record(c);
                        if (grids != null) {
                            grids.record(c);
                        }
                    }, bar);
                }
                // Sampling grids at checkpoints is not training: its time leaves wall_s and steps_per_s.
                double previewDuringTraining = grids == null ? 0.0 : grids.seconds();
                curve.plot(runDir.resolve("gap.png"));
                TrainConfig config = trainer.config();
                Path lossPng = runDir.resolve("loss.png");
                plotLoss(lossPng, trainer.losses());
                Path samplesPng = null;
                GapProbe.GapEstimate gap;
                // The preview and the gap run at the trainer's thread limit too: for the vector MLP a
                // second intra-op thread gains little at these batch sizes and stalls whenever the
                // other core is busy (measured under load: the final gap took 79 s instead of ~5 s);
                // image U-Nets keep every thread (the limit is none for them).
                try (TrainedModel model = trainer.emaModel(); IntraOpThreads limit = trainer.limitThreads()) {
                    if (grids != null) {
                        samplesPng = grids.writeFinal(model);
                    } else if (model.dim() == 2) {
                        samplesPng = runDir.resolve("samples.png");
                        double[] samples = PreviewSamples.draw(model, PREVIEW_SAMPLES, PREVIEW_STEPS, config.seed(), manager);
                        double[] reference;
                        try (NDManager m = manager.newSubManager()) {
                            reference = HostArrays.toDoubles(data.sample(m, DataType.FLOAT64, PREVIEW_SAMPLES,
                                    StepRandom.of(config.seed()).stream(0x44415441L).forStep(0).generator()));
                        }
                        Plots.samplesBesideData(samplesPng, samples, reference);
                    }
                    gap = gapProbe.estimate(model, data);
                }
                double wall = summary.wallSeconds() - previewDuringTraining;
                double rate = summary.sessionSteps() == 0 ? 0.0 : summary.sessionSteps() / Math.max(wall, 1e-9);
                Integer gapPaths = gapProbe instanceof TrainGapProbe t ? t.paths() : null;
                Integer gapSteps = gapProbe instanceof TrainGapProbe t ? t.steps() : null;
                return new TrainResult(summary.steps(), summary.finalLoss(), rate, wall,
                        gap.gap(), gap.gapSe(), gap.gapEmpirical(), runDir.toString(), config.data(), config.sde().kind().label(),
                        config.sde().sigmaMax(), config.weighting().label(), CheckpointFile.path(runDir).toString(),
                        samplesPng == null ? null : samplesPng.toString(), lossPng.toString(), gapPaths, gapSteps,
                        grids == null ? 0.0 : grids.seconds());
            }
        }
    }

    /**
     * The run's configuration: the control network follows the data (DESIGN.md §1.4): the MLP of
     * {@link ControlNetConfig#defaults} for vectors, the U-Net of {@link UNetConfig#defaults} for
     * images (C, H, W), which also clips the gradient norm at {@link ImageDefaults#CLIP_NORM}.
     *
     * @throws dev.bellman.control.BadInputException for images whose sides are not multiples of 4
     */
    static TrainConfig config(TrainRequest r, DataSource data, Precision precision, long seed) {
        List<Long> shape = Arrays.stream(data.sampleShape().getShape()).boxed().toList();
        return new TrainConfig(data.spec().toString(), r.imageSize(), shape, SdeSpec.defaults(r.sde()), net(data, precision, seed, r.channels(), r.netOutput()),
                r.weighting(), r.steps(), r.batch(), r.lr(), r.warmup(), data.isImage() ? ImageDefaults.CLIP_NORM : 0.0,
                r.ema(), r.checkpointEvery(), seed, DivergencePolicy.DEFAULT, r.lrSchedule());
    }

    /**
     * The control network for the data: a U-Net for images (C, H, W), its last layer a noise prediction
     * unless {@code output} says otherwise ({@link ImageDefaults#NET_OUTPUT}), else the vector MLP
     * (whose last layer is the control unless {@code output} says otherwise).
     */
    static NetSpec net(DataSource data, Precision precision, long seed, int channels, NetOutput output) {
        Shape s = data.sampleShape();
        if (data.isImage()) {
            int c = s.dimension() == 3 ? (int) s.get(0) : 1;
            UNetConfig unet = UNetConfig.defaults(c, (int) s.get(s.dimension() - 2), (int) s.get(s.dimension() - 1), precision, seed)
                    .withOutput(output == null ? ImageDefaults.NET_OUTPUT : output);
            return channels == 0 ? unet : unet.withBaseChannels(channels);
        }
        if (channels != 0) {
            throw new BadInputException("--channels sets the U-Net's width and applies to image data only; " + data.spec()
                    + " trains the vector MLP");
        }
        return ControlNetConfig.defaults((int) s.size(), precision, seed).withOutput(output == null ? NetOutput.CONTROL : output);
    }

    /** The loss of every step (thinned to ≤ 2,000 points) and its 100-step moving average, log scale. */
    static void plotLoss(Path png, float[] losses) {
        int n = losses.length;
        if (n == 0) {
            return;
        }
        int stride = Math.max(1, n / 2000);
        int m = (n + stride - 1) / stride;
        double[] x = new double[m];
        double[] y = new double[m];
        double[] avg = new double[m];
        int window = 100;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + losses[i];
        }
        for (int j = 0; j < m; j++) {
            int i = j * stride;
            x[j] = i + 1;
            y[j] = losses[i];
            int lo = Math.max(0, i + 1 - window);
            avg[j] = (prefix[i + 1] - prefix[lo]) / (i + 1 - lo);
        }
        Plots.lines(png, "training loss", "step", "loss", true,
                List.of(new Series("loss", x, y), new Series("mean of last 100", x, avg)));
    }
}
