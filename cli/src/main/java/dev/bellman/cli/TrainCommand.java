package dev.bellman.cli;

import dev.bellman.cli.train.ImageDefaults;
import dev.bellman.cli.train.SampleGrids;
import dev.bellman.cli.train.TrainRequest;
import dev.bellman.cli.train.TrainRun;
import dev.bellman.control.BadInputException;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.checkpoint.CheckpointFile;
import dev.bellman.diffusion.net.NetOutput;
import dev.bellman.diffusion.net.unet.UNetConfig;
import dev.bellman.diffusion.sde.SdeKind;
import dev.bellman.cli.train.TrainGapProbe;
import dev.bellman.diffusion.train.GapProbe;
import dev.bellman.diffusion.train.TrainConfig;
import dev.bellman.diffusion.train.LrSchedule;
import dev.bellman.diffusion.train.Weighting;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bellman train}: score matching in control form (DESIGN.md §1.4). The control network follows
 * the data: the vector MLP, or the U-Net for images ({@code mnist:DIR}, {@code images:DIR}, image-shaped
 * {@code npy:FILE}), whose options default per {@link ImageDefaults}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a diffusion model's control network by denoising score matching in control form.")
final class TrainCommand extends RunCommand {
    /**
     * The verification gap reported with the result.
     * TODO(lead): supply dev.bellman.diffusion.gap's estimator here (exact mixture u* for mixture data,
     * the empirical-optimal control otherwise); until then gap, gap_se and gap_empirical are null.
     */
    /** The end-of-run gap; null means the real estimate ({@link TrainGapProbe}); tests may skip it. */
    static GapProbe gapProbe;

    /** The sample grids of image runs; null means {@link SampleGrids.Sizes#DEFAULT}; tests shrink them. */
    static SampleGrids.Sizes gridSizes;

    @Option(names = "--data", paramLabel = "SPEC",
            description = "Data: a toy name (8gaussians, 25gaussians, swissroll, moons, circles, rings, pinwheel, 2spirals,"
                    + " checkerboard), gmm:FILE, mnist:DIR, images:DIR, csv:FILE, npy:FILE (default 8gaussians).")
    String data;

    @Option(names = "--sde", paramLabel = "vp|subvp|ve", description = "Forward SDE (default vp).")
    String sde;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default " + TrainRequest.DEFAULT_STEPS
            + ", " + ImageDefaults.STEPS + " for mnist:/images: data; with --resume the new total).")
    Long steps;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default " + TrainRequest.DEFAULT_BATCH
            + ", " + ImageDefaults.BATCH + " for mnist:/images: data).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default " + TrainRequest.DEFAULT_LR
            + ", " + ImageDefaults.LR + " for mnist:/images: data).")
    Double lr;

    @Option(names = "--weighting", paramLabel = "eps|likelihood", description = "Loss weighting λ(t) (default eps).")
    String weighting;

    @Option(names = "--ema", paramLabel = "DECAY", description = "EMA decay of the weights (default " + TrainRequest.DEFAULT_EMA
            + ", " + ImageDefaults.EMA + " for mnist:/images: data).")
    Double ema;

    @Option(names = "--lr-schedule", paramLabel = "constant|cosine",
            description = "Learning rate after the warm-up: constant (default) or a cosine decay to 0 at the last step"
                    + " (its end moves with a resumed run's --steps).")
    String lrSchedule;

    @Option(names = "--channels", paramLabel = "C",
            description = "The U-Net's base width for image data (default " + UNetConfig.DEFAULT_BASE_CHANNELS
                    + "; a multiple of its " + UNetConfig.DEFAULT_GROUPS + " GroupNorm groups).")
    Integer channels;

    @Option(names = "--net-output", paramLabel = "control|noise",
            description = "What the network's last layer produces: noise (u = -g(t)/s(t) times it; the default for"
                    + " image data) or the control itself (the default for vectors).")
    String netOutput;

    @Option(names = "--image-size", paramLabel = "N", description = "Image side for images:DIR, a multiple of 4 (default 28).")
    Integer imageSize;

    @Option(names = "--resume", paramLabel = "RUNDIR", description = "Continue the run in RUNDIR exactly where it stopped.")
    Path resume;

    @Option(names = "--gap-paths", paramLabel = "N", defaultValue = "" + TrainGapProbe.PATHS,
            description = "Paths of the end-of-run verification gap (default ${DEFAULT-VALUE}; 0 skips it: gap keys are null).")
    int gapPaths;

    @Override
    protected String commandName() {
        return "train";
    }

    @Override
    protected Object configuration() {
        if (gapPaths < 0) {
            throw new BadInputException("--gap-paths must be ≥ 0, got " + gapPaths);
        }
        if (resume != null) {
            return resumeRequest();
        }
        String spec = data == null ? "8gaussians" : data;
        DataSpec parsed = DataSpec.parse(spec); // syntax only: a bad name exits 2 before anything is created
        int side = imageSize == null ? 28 : imageSize;
        ImageDefaults.checkImageSize(parsed, side);
        boolean image = ImageDefaults.appliesTo(parsed); // the U-Net's defaults (see ImageDefaults)
        if (channels != null && channels < 1) {
            throw new BadInputException("--channels must be positive, got " + channels);
        }
        if (channels != null && !(parsed instanceof DataSpec.FileBacked)) {
            throw new BadInputException("--channels sets the U-Net's width and applies to image data only; " + spec
                    + " trains the vector MLP");
        }
        NetOutput output = netOutput == null ? null : NetOutput.parse(netOutput);
        return new TrainRequest(spec, SdeKind.parse(sde == null ? "vp" : sde),
                steps != null ? steps : image ? ImageDefaults.STEPS : TrainRequest.DEFAULT_STEPS,
                batch != null ? batch : image ? ImageDefaults.BATCH : TrainRequest.DEFAULT_BATCH,
                lr != null ? lr : image ? ImageDefaults.LR : TrainRequest.DEFAULT_LR, Weighting.parse(weighting == null ? "eps" : weighting),
                ema != null ? ema : image ? ImageDefaults.EMA : TrainRequest.DEFAULT_EMA, side, TrainRequest.DEFAULT_WARMUP,
                image ? ImageDefaults.CHECKPOINT_EVERY : TrainRequest.DEFAULT_CHECKPOINT_EVERY,
                LrSchedule.parse(lrSchedule == null ? "constant" : lrSchedule), channels == null ? 0 : channels, output, null);
    }

    /** A resumed run keeps its checkpoint's configuration; options that contradict it are refused. */
    private TrainRequest resumeRequest() {
        TrainConfig c = CheckpointFile.readConfig(resume);
        GlobalOptions g = global.values();
        if (g.out != null && !g.out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
            throw new BadInputException("--resume continues in " + resume + "; drop --out " + g.out);
        }
        g.out = resume;
        check("--data", data, c.data());
        check("--sde", sde == null ? null : SdeKind.parse(sde), c.sde().kind());
        check("--batch", batch, c.batch());
        check("--lr", lr, c.lr());
        check("--weighting", weighting == null ? null : Weighting.parse(weighting), c.weighting());
        check("--ema", ema, c.emaDecay());
        check("--image-size", imageSize, c.imageSize());
        check("--lr-schedule", lrSchedule == null ? null : LrSchedule.parse(lrSchedule), c.lrSchedule());
        check("--channels", channels, c.net() instanceof UNetConfig u ? u.baseChannels() : null);
        check("--net-output", netOutput == null ? null : NetOutput.parse(netOutput), c.net().output());
        long total = steps == null ? c.steps() : steps;
        return new TrainRequest(c.data(), c.sde().kind(), total, c.batch(), c.lr(), c.weighting(), c.emaDecay(), c.imageSize(),
                c.warmup(), c.checkpointEvery(), c.lrSchedule(), 0, null, resume);
    }

    private static void check(String option, Object given, Object stored) {
        if (given != null && !given.equals(stored)) {
            throw new BadInputException(option + " " + given + " contradicts the checkpoint being resumed (" + stored
                    + "); a resumed run keeps its configuration (only --steps may change)");
        }
    }

    @Override
    protected Object execute(RunContext context, Object configuration) throws Exception {
        TrainRequest request = (TrainRequest) configuration;
        return TrainRun.run(request, context.engine(), context.runDirectory().path(), context.engine().config().seed(),
                context.diagnostics(), gapProbe(), gapProbe() instanceof TrainGapProbe t ? t.forCurve() : gapProbe(),
                gridSizes == null ? SampleGrids.Sizes.DEFAULT : gridSizes);
    }

    private GapProbe gapProbe() {
        if (gapProbe != null) {
            return gapProbe;
        }
        return gapPaths == 0 ? GapProbe.NONE : new TrainGapProbe(global.engineConfig().seed(), global.engineConfig().precision().dataType(), gapPaths);
    }
}
