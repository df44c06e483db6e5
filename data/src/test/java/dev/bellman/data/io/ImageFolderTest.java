package dev.bellman.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bellman.data.DataException;
import dev.bellman.data.dataset.ImageDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path dir;

    /** A smooth grey test pattern (JPEG keeps smooth images almost exactly). */
    static BufferedImage grey(int size, int seed) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.getRaster().setSample(x, y, 0, (x * 9 + y * 5 + seed * 17) % 256);
            }
        }
        return img;
    }

    static int[] levels(BufferedImage img) {
        int[] out = new int[img.getWidth() * img.getHeight()];
        img.getRaster().getSamples(0, 0, img.getWidth(), img.getHeight(), 0, out);
        return out;
    }

    static void writeJpeg(BufferedImage img, Path f) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(1.0f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }

    @Test
    void pngTiffBmpAndJpegRoundTripKeepPixelsAndFoldersBecomeLabels() throws IOException {
        Files.createDirectories(dir.resolve("cats"));
        Files.createDirectories(dir.resolve("dogs"));
        BufferedImage a = grey(28, 1);
        BufferedImage b = grey(28, 2);
        BufferedImage c = grey(28, 3);
        BufferedImage d = grey(28, 4);
        assertThat(ImageIO.write(a, "png", dir.resolve("cats/a.png").toFile())).isTrue();
        assertThat(ImageIO.write(b, "tiff", dir.resolve("cats/b.tif").toFile())).isTrue();
        assertThat(ImageIO.write(c, "bmp", dir.resolve("dogs/c.bmp").toFile())).isTrue();
        writeJpeg(d, dir.resolve("dogs/d.jpg"));
        Files.writeString(dir.resolve("dogs/README.txt"), "not an image, ignored");
        ImageDataset set = ImageFolder.read(dir, 28);
        assertThat(set.size()).isEqualTo(4);
        assertThat(set.channels()).isEqualTo(1);
        assertThat(set.classNames()).containsExactly("cats", "dogs");
        assertThat(set.labels().orElseThrow()).containsExactly(0, 0, 1, 1);
        BufferedImage[] expected = {a, b, c};
        for (int i = 0; i < 3; i++) {
            int[] want = levels(expected[i]);
            for (int j = 0; j < 784; j++) {
                assertThat(set.pixel(i, j)).as("image %d pixel %d", i, j).isEqualTo(want[j]);
            }
        }
        int[] want = levels(d);
        double maxErr = 0;
        for (int j = 0; j < 784; j++) {
            maxErr = Math.max(maxErr, Math.abs(set.pixel(3, j) - want[j]));
        }
        // The pattern wraps around at 256 (a sharp edge), where JPEG rings a little.
        assertThat(maxErr).as("JPEG at quality 1.0").isLessThanOrEqualTo(12);
    }

    @Test
    void resizingAveragesAreasAndColourIsKept() throws IOException {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.setRGB(x, y, ((x < 2 ? 200 : 100) << 16) | (y * 20 << 8) | 7);
            }
        }
        ImageIO.write(img, "png", dir.resolve("c.png").toFile());
        ImageDataset set = ImageFolder.read(dir, 2);
        assertThat(set.channels()).isEqualTo(3);
        assertThat(set.labels()).isEmpty();
        // R plane: left half 200, right half 100; G plane: rows (0,20) average 10, rows (40,60) average 50.
        int[] px = new int[12];
        for (int j = 0; j < 12; j++) {
            px[j] = set.pixel(0, j);
        }
        assertThat(px).containsExactly(200, 100, 200, 100, 10, 10, 50, 50, 7, 7, 7, 7);
    }

    @Test
    void emptyFoldersAndCorruptImagesAreRefusedNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "no images here");
        assertThatThrownBy(() -> ImageFolder.read(dir, 28)).isInstanceOf(DataException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("no images");
        ImageIO.write(grey(8, 0), "png", dir.resolve("good.png").toFile());
        byte[] png = Files.readAllBytes(dir.resolve("good.png"));
        Files.write(dir.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> ImageFolder.read(dir, 28)).isInstanceOf(DataException.class)
                .hasMessageContaining("truncated.png").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Files.delete(dir.resolve("truncated.png"));
        byte[] noise = new byte[500];
        new SplittableRandom(1).nextBytes(noise);
        Files.write(dir.resolve("noise.jpg"), noise);
        assertThatThrownBy(() -> ImageFolder.read(dir, 28)).isInstanceOf(DataException.class).hasMessageContaining("noise.jpg");
        Files.delete(dir.resolve("noise.jpg"));
        Files.write(dir.resolve("cut.tif"), Arrays.copyOf(tiffBytes(), 40));
        assertThatThrownBy(() -> ImageFolder.read(dir, 28)).isInstanceOf(DataException.class).hasMessageContaining("cut.tif");
    }

    private byte[] tiffBytes() throws IOException {
        Path t = dir.resolve("whole.tiff.tmp");
        ImageIO.write(grey(28, 5), "tiff", t.toFile());
        byte[] b = Files.readAllBytes(t);
        Files.delete(t);
        return b;
    }
}
