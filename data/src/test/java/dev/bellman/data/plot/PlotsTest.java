package dev.bellman.data.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.bellman.data.TestSupport;
import dev.bellman.data.toy.ToyDistribution;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    @TempDir
    Path dir;

    private static BufferedImage png(Path f) throws IOException {
        assertThat(f).isRegularFile();
        BufferedImage img = ImageIO.read(f.toFile());
        assertThat(img).as("a readable PNG").isNotNull();
        return img;
    }

    @Test
    void scatterHistogramDensityAndLinePlotsAreWritten() throws IOException {
        double[] data = ToyDistribution.EIGHT_GAUSSIANS.sampleFlat(2000, new SplittableRandom(1));
        double[] model = ToyDistribution.MOONS.sampleFlat(2000, new SplittableRandom(2));
        Path scatter = dir.resolve("scatter.png");
        Plots.samplesBesideData(scatter, model, data);
        BufferedImage s = png(scatter);
        assertThat(s.getWidth()).isGreaterThan(s.getHeight());

        Plots.Bounds b = new Plots.Bounds(-4, 4, -4, 4);
        double[][] h = Plots.histogram2d(dir.resolve("hist.png"), "8gaussians", data, b, 40);
        double mass = 0;
        for (double[] row : h) {
            for (double v : row) {
                mass += v * 0.2 * 0.2;
            }
        }
        assertThat(mass).isCloseTo(1.0, within(1e-9)); // every sample lies inside [−4, 4]²
        png(dir.resolve("hist.png"));

        Plots.densityMap(dir.resolve("density.png"), "p",
                (x, y) -> Math.exp(ToyDistribution.EIGHT_GAUSSIANS.logDensity(x, y)), b, 30);
        png(dir.resolve("density.png"));

        Plots.lines(dir.resolve("loss.png"), "loss", "step", "loss", true,
                List.of(Series.of("train", new double[] {3, 2, 1, 0.5, 0, -1}), Series.of("eval", new double[] {4, 3, 2})));
        png(dir.resolve("loss.png"));
        Plots.lines(dir.resolve("empty.png"), "nothing", "x", "y", true, List.of(Series.of("none", new double[] {-1})));
        png(dir.resolve("empty.png"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void imageGridPlacesEachImageInItsTile() throws IOException {
        int n = 5;
        int h = 3;
        int w = 4;
        float[] v = new float[n * h * w];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < h * w; j++) {
                v[k * h * w + j] = -1f + 2f * k / (n - 1);
            }
        }
        Path f = dir.resolve("grid.png");
        try (NDManager manager = TestSupport.manager()) {
            ImageGrid.write(f, manager.create(v, new Shape(n, 1, h, w)), 3);
        }
        BufferedImage img = png(f);
        int g = ImageGrid.GAP;
        assertThat(img.getWidth()).isEqualTo(3 * w + 4 * g);
        assertThat(img.getHeight()).isEqualTo(2 * h + 3 * g);
        for (int k = 0; k < n; k++) {
            int ox = g + (k % 3) * (w + g);
            int oy = g + (k / 3) * (h + g);
            int expected = Math.round(255f * k / (n - 1));
            assertThat(img.getRaster().getSample(ox + 1, oy + 1, 0)).as("tile %d", k).isEqualTo(expected);
        }
        assertThat(img.getRaster().getSample(0, 0, 0)).isZero();
    }
}
