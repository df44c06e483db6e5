package dev.bellman.data.plot;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.HostArrays;
import dev.bellman.data.dataset.PixelScaling;
import dev.bellman.data.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes a batch of images in [−1, 1] as one PNG grid (grey or RGB), 2 pixels of black between
 * tiles. Values outside [−1, 1] are clipped; NaN shows as black.
 */
public final class ImageGrid {
    /** Pixels between tiles. */
    public static final int GAP = 2;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ImageGrid() {}

    /**
     * Writes images from an NDArray of shape (N, C, H, W) or (N, H, W), C ∈ {1, 3}.
     *
     * @param columns tiles per row (rows follow)
     */
    public static void write(Path png, NDArray images, int columns) {
        Shape s = images.getShape();
        double[] v = HostArrays.toDoubles(images);
        if (s.dimension() == 3) {
            write(png, v, (int) s.get(0), 1, (int) s.get(1), (int) s.get(2), columns);
        } else if (s.dimension() == 4) {
            write(png, v, (int) s.get(0), (int) s.get(1), (int) s.get(2), (int) s.get(3), columns);
        } else {
            throw new IllegalArgumentException("images must have shape (N, C, H, W) or (N, H, W), got " + s);
        }
    }

    /** Writes n images (C, H, W) held row-major in {@code values}; returns nothing, writes atomically. */
    public static void write(Path png, double[] values, int n, int channels, int height, int width, int columns) {
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(render(values, n, channels, height, width, columns), "png", out)) {
                throw new java.io.IOException("no PNG writer");
            }
        });
    }

    /** As {@link #write(Path, double[], int, int, int, int, int)}, from single precision values. */
    public static void write(Path png, float[] values, int n, int channels, int height, int width, int columns) {
        write(png, HostArrays.toDoubles(values), n, channels, height, width, columns);
    }

    /** The grid as an image (for callers that compose further). */
    public static BufferedImage render(double[] values, int n, int channels, int height, int width, int columns) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, got " + channels);
        }
        if (n < 1 || height < 1 || width < 1 || columns < 1) {
            throw new IllegalArgumentException("need at least one image and one column");
        }
        long per = (long) channels * height * width;
        if (per * n != values.length) {
            throw new IllegalArgumentException(n + " images of " + channels + " × " + height + " × " + width + " need " + per * n
                    + " values, got " + values.length);
        }
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int gw = cols * width + (cols + 1) * GAP;
        int gh = rows * height + (rows + 1) * GAP;
        BufferedImage img = new BufferedImage(gw, gh, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < n; k++) {
            int ox = GAP + (k % cols) * (width + GAP);
            int oy = GAP + (k / cols) * (height + GAP);
            int base = (int) (k * per);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int at = y * width + x;
                    if (channels == 1) {
                        img.getRaster().setSample(ox + x, oy + y, 0, PixelScaling.fromUnit(values[base + at]));
                    } else {
                        int r = PixelScaling.fromUnit(values[base + at]);
                        int g = PixelScaling.fromUnit(values[base + height * width + at]);
                        int b = PixelScaling.fromUnit(values[base + 2 * height * width + at]);
                        img.setRGB(ox + x, oy + y, r << 16 | g << 8 | b);
                    }
                }
            }
        }
        return img;
    }
}
