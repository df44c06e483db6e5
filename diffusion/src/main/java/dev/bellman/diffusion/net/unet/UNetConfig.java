package dev.bellman.diffusion.net.unet;

import ai.djl.ndarray.types.Shape;
import dev.bellman.control.BadInputException;
import dev.bellman.control.engine.Precision;

/**
 * The shape and initialisation of a {@link UNet}: images (C, H, W), three resolutions H → H/2 → H/4
 * with c, 2c, 2c channels, GroupNorm with G groups, a sinusoidal time embedding of size E.
 *
 * @param channels C, image channels (1 grey, 3 colour)
 * @param height H, divisible by 4 (two stride-2 downsamplings)
 * @param width W, divisible by 4
 * @param baseChannels c, the width at full resolution; a multiple of {@code groups}
 * @param groups G, GroupNorm groups (every width c, 2c, 3c, 4c is then a multiple of G)
 * @param embeddingDim E, the size of the sinusoidal time features (even, ≥ 2)
 * @param precision float32 (the usual choice for images) or float64 (tests)
 * @param seed the Java-side seed that draws the initial weights
 */
public record UNetConfig(int channels, int height, int width, int baseChannels, int groups, int embeddingDim,
        Precision precision, long seed) {
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
    }

    /** MNIST-sized: 1 × 28 × 28, c = 32, G = 8, E = 64, float32. */
    public static UNetConfig mnist(long seed) {
        return new UNetConfig(1, 28, 28, 32, 8, 64, Precision.FLOAT32, seed);
    }

    public UNetConfig withBaseChannels(int c) {
        return new UNetConfig(channels, height, width, c, groups, embeddingDim, precision, seed);
    }

    public UNetConfig withGroups(int g) {
        return new UNetConfig(channels, height, width, baseChannels, g, embeddingDim, precision, seed);
    }

    public UNetConfig withPrecision(Precision p) {
        return new UNetConfig(channels, height, width, baseChannels, groups, embeddingDim, p, seed);
    }

    public UNetConfig withSeed(long s) {
        return new UNetConfig(channels, height, width, baseChannels, groups, embeddingDim, precision, s);
    }

    /** (C, H, W). */
    public Shape sampleShape() {
        return new Shape(channels, height, width);
    }

    /** D = C·H·W, the flat state dimension. */
    public int dim() {
        return channels * height * width;
    }

    /** The width of the time-embedding MLP, 4c (Ho et al. 2020). */
    public int timeChannels() {
        return 4 * baseChannels;
    }
}
