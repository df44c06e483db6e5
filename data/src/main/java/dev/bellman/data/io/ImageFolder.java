package dev.bellman.data.io;

import dev.bellman.data.DataException;
import dev.bellman.data.dataset.ImageDataset;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads every image below a folder ({@code images:DIR}, DESIGN.md §4) through ImageIO with the
 * TwelveMonkeys plugins: PNG, JPEG, TIFF, BMP, PNM (pbm/pgm/ppm/pam), WebP, GIF.
 *
 * <p>Images are resized to size × size by area averaging (each output pixel is the mean of the source
 * area it covers), done on the raw samples so that no colour management alters grey levels; an image
 * already of that size keeps its pixels exactly. The set is grey (C = 1) unless some image is colour
 * (C = 3, grey images then repeat their level in R, G and B). Alpha is dropped. The names of the
 * first-level sub-folders become the class labels (sorted); without sub-folders there are no labels.
 * Files whose extension is not an image extension are ignored; hidden files too.
 */
public final class ImageFolder {
    /** The default side of the square images, MNIST's 28. */
    public static final int DEFAULT_SIZE = 28;
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "pbm", "pgm",
            "ppm", "pnm", "pam", "webp", "gif");

    static {
        // Plots and images are written on servers without displays.
        System.setProperty("java.awt.headless", "true");
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    private ImageFolder() {}

    /** Whether a file name has one of the image extensions this reader tries. */
    public static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Reads the images below {@code dir}, resized to size × size.
     *
     * @throws DataException naming the folder or file: not a folder, no images, an image that cannot be
     *     decoded
     */
    public static ImageDataset read(Path dir, int size) {
        if (size < 1 || size > 4096) {
            throw new DataException("images:" + dir + ": image size " + size + " must be between 1 and 4096");
        }
        if (!Files.isDirectory(dir)) {
            throw new DataException("images:" + dir + ": not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().startsWith(".") && !p.getFileName().toString().startsWith("."))
                    .filter(p -> isImageName(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException("images:" + dir + ": cannot list the directory (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new DataException("images:" + dir + ": no images (" + String.join(", ", new TreeSet<>(EXTENSIONS)) + ") below the directory");
        }
        TreeSet<String> classes = new TreeSet<>();
        for (Path f : files) {
            Path rel = dir.relativize(f);
            if (rel.getNameCount() > 1) {
                classes.add(rel.getName(0).toString());
            }
        }
        List<String> classNames = new ArrayList<>(classes);
        boolean labelled = !classNames.isEmpty();
        int n = files.size();
        int per = size * size;
        // Decode one image at a time into grey and RGB planes, then decide the channel count.
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(n, per), 3)];
        boolean colour = false;
        int[] labels = labelled ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            Path f = files.get(i);
            BufferedImage image = decode(f);
            colour |= isColour(image);
            resizeInto(image, size, rgb, i * per * 3);
            if (labelled) {
                Path rel = dir.relativize(f);
                // Files directly in DIR get the label of no class: refuse the mix rather than guess.
                if (rel.getNameCount() < 2) {
                    throw new DataException(f + ": lies directly in " + dir + " while other images are in class sub-folders");
                }
                labels[i] = classNames.indexOf(rel.getName(0).toString());
            }
        }
        byte[] pixels;
        int channels = colour ? 3 : 1;
        if (colour) {
            pixels = rgb;
        } else {
            pixels = new byte[n * per];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rgb, i * per * 3, pixels, i * per, per);
            }
        }
        return new ImageDataset(pixels, 0, n, channels, size, size, labels, classNames);
    }

    private static BufferedImage decode(Path f) {
        try {
            BufferedImage image = ImageIO.read(f.toFile());
            if (image == null) {
                throw new DataException(f + ": not a readable image (no decoder recognises it)");
            }
            if (image.getWidth() < 1 || image.getHeight() < 1) {
                throw new DataException(f + ": empty image");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException de) {
                throw de;
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            throw new DataException(f + ": corrupt or unreadable image (" + why + ")", e);
        }
    }

    /** Colour unless the model has one colour component or is a palette of greys only. */
    static boolean isColour(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            for (int i = 0; i < icm.getMapSize(); i++) {
                if (icm.getRed(i) != icm.getGreen(i) || icm.getGreen(i) != icm.getBlue(i)) {
                    return true;
                }
            }
            return false;
        }
        return cm.getNumColorComponents() >= 3;
    }

    /**
     * Writes the image as 8-bit planes (R, G, B; for grey images three copies of the level) of size ×
     * size into {@code out} at {@code offset}: plane c at offset + c·size².
     */
    private static void resizeInto(BufferedImage image, int size, byte[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[][] planes = new double[3][w * h];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        boolean directGrey = !(cm instanceof IndexColorModel) && cm.getNumColorComponents() == 1;
        if (directGrey) {
            // Raw samples, scaled from their bit depth: no colour-space conversion can shift the levels.
            int bits = raster.getSampleModel().getSampleSize(0);
            double scale = 255.0 / ((1L << bits) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = raster.getSample(x, y, 0) * scale;
                    planes[0][y * w + x] = v;
                    planes[1][y * w + x] = v;
                    planes[2][y * w + x] = v;
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = image.getRGB(x, y);
                    planes[0][y * w + x] = (argb >> 16) & 0xFF;
                    planes[1][y * w + x] = (argb >> 8) & 0xFF;
                    planes[2][y * w + x] = argb & 0xFF;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            double[] resized = (w == size && h == size) ? planes[c] : areaResize(planes[c], w, h, size, size);
            int base = offset + c * size * size;
            for (int j = 0; j < size * size; j++) {
                out[base + j] = (byte) Math.max(0, Math.min(255, Math.round(resized[j])));
            }
        }
    }

    /** Each output pixel is the area-weighted mean of the source pixels its footprint covers. */
    static double[] areaResize(double[] src, int w, int h, int ow, int oh) {
        double[] out = new double[ow * oh];
        double sx = (double) w / ow;
        double sy = (double) h / oh;
        for (int oy = 0; oy < oh; oy++) {
            double y0 = oy * sy;
            double y1 = y0 + sy;
            for (int ox = 0; ox < ow; ox++) {
                double x0 = ox * sx;
                double x1 = x0 + sx;
                double sum = 0;
                double area = 0;
                for (int y = (int) Math.floor(y0); y < Math.min(h, (int) Math.ceil(y1)); y++) {
                    double wy = Math.min(y1, y + 1) - Math.max(y0, y);
                    if (wy <= 0) {
                        continue;
                    }
                    for (int x = (int) Math.floor(x0); x < Math.min(w, (int) Math.ceil(x1)); x++) {
                        double wx = Math.min(x1, x + 1) - Math.max(x0, x);
                        if (wx <= 0) {
                            continue;
                        }
                        sum += wx * wy * src[y * w + x];
                        area += wx * wy;
                    }
                }
                out[oy * ow + ox] = sum / area;
            }
        }
        return out;
    }
}
