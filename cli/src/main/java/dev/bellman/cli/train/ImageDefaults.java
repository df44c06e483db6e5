package dev.bellman.cli.train;

import dev.bellman.control.BadInputException;
import dev.bellman.data.DataSpec;
import dev.bellman.diffusion.net.NetOutput;

/**
 * What {@code bellman train} does differently for image data ({@code mnist:DIR}, {@code images:DIR}):
 * the control network is the U-Net ({@code UNetConfig.defaults}: c = 32, GroupNorm 8, E = 64), chosen
 * from the data, and the options a user leaves out take image defaults sized for CPU time rather than
 * the vector defaults (batch 512 of a 2-D toy is ≈ 8 s a U-Net step on one core).
 *
 * <p>Sizing (measured on the shared 2-core machine): the c = 32 U-Net at batch 64 trained at 0.643
 * steps/s on one thread at load average 6–9 (BENCHMARKS.md, the MNIST run), so {@value #STEPS} steps
 * are about 30 minutes there; a quiet machine does more. A user who wants a time budget runs a short
 * run first ({@code --steps 40}) and multiplies its {@code steps_per_s} by the seconds available
 * ({@code --steps} is the budget DESIGN.md §4 offers; a run can also be stopped and continued exactly
 * with {@code --resume} and a larger {@code --steps}, since the learning rate is constant after the
 * warm-up).
 *
 * <p>{@code npy:FILE} holding (N, H, W) or (N, C, H, W) arrays also trains the U-Net (the data decide),
 * but its options default as for vectors, since the shape is only known once the file is read.
 */
public final class ImageDefaults {
    /** Steps: ≈ 30 minutes of the c = 32 U-Net at batch 64 on the shared 2-core machine (measured). */
    public static final long STEPS = 1_300;
    /** Batch size. */
    public static final int BATCH = 64;
    /** Peak learning rate (after the warm-up): short runs of small U-Nets on MNIST take 1e-3 with clipping. */
    public static final double LR = 1e-3;
    /** EMA decay: a half-life of ≈ 140 steps, short enough that a 1,300-step run forgets its start. */
    public static final double EMA = 0.995;
    /** Steps between checkpoints (≈ 3 minutes at one step a second: a killed run loses little). */
    public static final long CHECKPOINT_EVERY = 200;
    /** Global gradient-norm bound (score_sde's grad_clip = 1 for its image models, Song et al. 2021). */
    public static final double CLIP_NORM = 1.0;

    /**
     * The U-Net's last layer predicts the noise and u_θ = −g ε_θ / s (the parameterisation of Ho et al.
     * 2020 and of score_sde's VP models): its raw output is O(1) at every t, where the control itself
     * spans ≈ 4.5 (t = T) to ≈ 35 (t = ε). Runs written before this default keep {@code control}.
     */
    public static final NetOutput NET_OUTPUT = NetOutput.NOISE;

    private ImageDefaults() {}

    /** Whether {@code spec} names image data by its kind ({@code mnist:} or {@code images:}). */
    public static boolean appliesTo(DataSpec spec) {
        return spec instanceof DataSpec.FileBacked f && (f.kind() == DataSpec.Kind.MNIST || f.kind() == DataSpec.Kind.IMAGES);
    }

    /**
     * Refuses an {@code --image-size} the U-Net cannot take (two halvings need a multiple of 4) for
     * {@code images:DIR}, before anything is created.
     */
    public static void checkImageSize(DataSpec spec, int imageSize) {
        if (spec instanceof DataSpec.FileBacked f && f.kind() == DataSpec.Kind.IMAGES && (imageSize < 4 || imageSize % 4 != 0)) {
            throw new BadInputException("--image-size must be a multiple of 4 (≥ 4) for the U-Net, which halves images twice; got "
                    + imageSize);
        }
    }
}
