package dev.bellman.diffusion.net.unet;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Precision;
import dev.bellman.diffusion.net.NetOutput;
import dev.bellman.diffusion.net.NetSpec;

/**
 * The shape and initialisation of a {@link UNet}: images (C, H, W), three resolutions H → H/2 → H/4
 * with c, 2c, 2c channels, GroupNorm with G groups, a sinusoidal time embedding of size E.
 *
 * <p>A {@link NetSpec} of kind {@code "unet"}: stored as JSON in checkpoints (its components only;
 * the derived shape, D and widths are recomputed), so {@code TrainedModel.load} rebuilds the U-Net.
 *
 * @param channels C, image channels (1 grey, 3 colour)
 * @param height H, divisible by 4 (two stride-2 downsamplings)
 * @param width W, divisible by 4
 * @param baseChannels c, the width at full resolution; a multiple of {@code groups}
 * @param groups G, GroupNorm groups (every width c, 2c, 3c, 4c is then a multiple of G)
 * @param embeddingDim E, the size of the sinusoidal time features (even, ≥ 2)
 * @param precision float32 (the usual choice for images) or float64 (tests)
 * @param seed the Java-side seed that draws the initial weights
 * @param output what the last convolution produces (the control, or a noise prediction that
 *     {@link dev.bellman.diffusion.net.NoisePredictionNetwork} turns into the control); null, as in
 *     checkpoints written before this choice existed, means {@link NetOutput#CONTROL}
 */
public record UNetConfig(int channels, int height, int width, int baseChannels, int groups, int embeddingDim,
        Precision precision, long seed, NetOutput output) implements NetSpec {
    /** The default base width c for training: the least of issue 6's 32–64, as CPU time is the budget. */
    public static final int DEFAULT_BASE_CHANNELS = 32;
    /** The default GroupNorm groups G (c = 32 → 4 channels a group). */
    public static final int DEFAULT_GROUPS = 8;
    /** The default sinusoidal embedding size E. */
    public static final int DEFAULT_EMBEDDING = 64;

    public UNetConfig {
        if (channels < 1) {
            throw new BadInputException("a U-Net needs at least one image channel, got " + channels);
        }
        if (height < 4 || width < 4 || height % 4 != 0 || width % 4 != 0) {
            throw new BadInputException("U-Net images must be at least 4 × 4 with sides divisible by 4 (two halvings), got "
                    + height + " × " + width);
        }
        if (groups < 1 || baseChannels < groups || baseChannels % groups != 0) {
            throw new BadInputException("U-Net base channels must be a positive multiple of the GroupNorm groups, got "
                    + baseChannels + " channels and " + groups + " groups");
        }
        if (embeddingDim < 2 || embeddingDim % 2 != 0) {
            throw new BadInputException("the time embedding size must be even and ≥ 2, got " + embeddingDim);
        }
        if (precision == null) {
            throw new BadInputException("a U-Net needs a precision");
        }
        if (output == null) {
            output = NetOutput.CONTROL;
        }
    }

    /** A U-Net whose last layer is the control ({@link NetOutput#CONTROL}). */
    public UNetConfig(int channels, int height, int width, int baseChannels, int groups, int embeddingDim,
            Precision precision, long seed) {
        this(channels, height, width, baseChannels, groups, embeddingDim, precision, seed, NetOutput.CONTROL);
    }

    /** MNIST-sized: 1 × 28 × 28, c = 32, G = 8, E = 64, float32. */
    public static UNetConfig mnist(long seed) {
        return defaults(1, 28, 28, Precision.FLOAT32, seed);
    }

    /**
     * The network {@code bellman train} builds for images of shape (C, H, W): c = 32, G = 8, E = 64.
     *
     * @throws BadInputException if H or W is not a multiple of 4 (two halvings)
     */
    public static UNetConfig defaults(int channels, int height, int width, Precision precision, long seed) {
        return new UNetConfig(channels, height, width, DEFAULT_BASE_CHANNELS, DEFAULT_GROUPS, DEFAULT_EMBEDDING, precision, seed);
    }

    /** The U-Net with this configuration and its seeded initial weights, in a sub-manager of {@code manager}. */
    @Override
    public UNet build(NDManager manager) {
        return new UNet(this, manager);
    }

    public UNetConfig withBaseChannels(int c) {
        return new UNetConfig(channels, height, width, c, groups, embeddingDim, precision, seed, output);
    }

    public UNetConfig withGroups(int g) {
        return new UNetConfig(channels, height, width, baseChannels, g, embeddingDim, precision, seed, output);
    }

    public UNetConfig withPrecision(Precision p) {
        return new UNetConfig(channels, height, width, baseChannels, groups, embeddingDim, p, seed, output);
    }

    public UNetConfig withSeed(long s) {
        return new UNetConfig(channels, height, width, baseChannels, groups, embeddingDim, precision, s, output);
    }

    public UNetConfig withOutput(NetOutput o) {
        return new UNetConfig(channels, height, width, baseChannels, groups, embeddingDim, precision, seed, o);
    }

    /** (C, H, W). */
    @JsonIgnore
    public Shape sampleShape() {
        return new Shape(channels, height, width);
    }

    /** D = C·H·W, the flat state dimension. */
    @Override
    @JsonIgnore
    public int dim() {
        return channels * height * width;
    }

    /** The width of the time-embedding MLP, 4c (Ho et al. 2020). */
    @JsonIgnore
    public int timeChannels() {
        return 4 * baseChannels;
    }
}
